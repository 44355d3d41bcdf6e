-- The audits service's tables. Every row carries its tenant (the local authority code) and
-- every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.

-- The register: what the draw reads for every open case (team, service, worker, when last
-- selected), kept as columns so a month's draw over 100,000 cases parses no bodies.
CREATE TABLE cases (
  tenant        TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  team          TEXT    NOT NULL,
  service       TEXT    NOT NULL,
  worker        TEXT    NOT NULL,
  -- YYYY-MM-DD; close_day NULL while open, last_selected NULL until first drawn.
  open_day      TEXT    NOT NULL,
  close_day     TEXT,
  last_selected TEXT,
  -- Cohort numbers as ",1,5," so that one cohort is a LIKE '%,5,%'.
  cohorts       TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX cases_by_team ON cases (tenant, team, id);

CREATE TABLE selections (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  month   TEXT    NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE audits (
  tenant    TEXT    NOT NULL,
  id        TEXT    NOT NULL,
  case_file TEXT    NOT NULL,
  auditor   TEXT    NOT NULL,
  state     INTEGER NOT NULL,
  selection TEXT    NOT NULL,
  -- 1 once the child was judged not safe or a significant concern raised.
  escalated INTEGER NOT NULL,
  -- YYYY-MM
  month     TEXT    NOT NULL,
  version   INTEGER NOT NULL,
  body      BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX audits_by_case ON audits (tenant, case_file, id);
CREATE INDEX audits_by_auditor ON audits (tenant, auditor, month);

-- Audit tools: each version a row, numbered from 1 per tool (seq); a released one never
-- changes.
CREATE TABLE tool_versions (
  tenant  TEXT    NOT NULL,
  tool    TEXT    NOT NULL,
  seq     INTEGER NOT NULL,
  state   INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, tool, seq)
);
