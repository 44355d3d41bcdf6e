-- PostgreSQL version of 0001_disputes.sql: the same tables with PostgreSQL's types (BIGINT for
-- SQLite's 64-bit INTEGER, BYTEA for BLOB, an identity column for a rowid), and row-level
-- security on the tenant column (assure_tenant_wall, defined in the platform's first
-- migration) as a second wall behind the service's own filter.

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
  starred     BIGINT NOT NULL,
  state       BIGINT NOT NULL,
  stage_level BIGINT NOT NULL,
  outcome     BIGINT NOT NULL,
  -- YYYY-MM-DD in Europe/London: raised, closed (NULL while open), current stage due
  -- (NULL when closed).
  raise_day   TEXT    NOT NULL,
  close_day   TEXT,
  stage_due   TEXT,
  version     BIGINT NOT NULL,
  body        BYTEA    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX disputes_open_by_due ON disputes (state, stage_due);
CREATE INDEX disputes_by_raise_day ON disputes (tenant, raise_day);

-- One row per authority that has changed its ladder; the defaults apply until then.
CREATE TABLE dispute_settings (
  tenant  TEXT    NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL,
  body    BYTEA    NOT NULL
);

SELECT assure_tenant_wall('disputes');
SELECT assure_tenant_wall('dispute_settings');
