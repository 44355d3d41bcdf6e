-- The disputes service's tables. Every row carries its tenant (the local authority code)
-- and every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.

CREATE TABLE disputes (
  tenant      TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  child       TEXT    NOT NULL,
  review      TEXT    NOT NULL,
  theme       TEXT    NOT NULL,
  raised_by   TEXT    NOT NULL,
  starred     INTEGER NOT NULL,
  state       INTEGER NOT NULL,
  stage_level INTEGER NOT NULL,
  outcome     INTEGER NOT NULL,
  -- YYYY-MM-DD in Europe/London: raised, closed (NULL while open), current stage due
  -- (NULL when closed).
  raise_day   TEXT    NOT NULL,
  close_day   TEXT,
  stage_due   TEXT,
  version     INTEGER NOT NULL,
  body        BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX disputes_open_by_due ON disputes (state, stage_due);
CREATE INDEX disputes_by_raise_day ON disputes (tenant, raise_day);

-- One row per authority that has changed its ladder; the defaults apply until then.
CREATE TABLE dispute_settings (
  tenant  TEXT    NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL
);
