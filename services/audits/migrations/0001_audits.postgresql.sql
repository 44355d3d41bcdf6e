-- PostgreSQL version of 0001_audits.sql: the same tables with PostgreSQL's types, and
-- row-level security on the tenant column (assure_tenant_wall, defined in the platform's
-- first migration) as a second wall behind the service's own filter.
CREATE TABLE cases (
  tenant        TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  team          TEXT   NOT NULL,
  service       TEXT   NOT NULL,
  worker        TEXT   NOT NULL,
  open_day      TEXT   NOT NULL,
  close_day     TEXT,
  last_selected TEXT,
  cohorts       TEXT   NOT NULL,
  version       BIGINT NOT NULL,
  body          BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX cases_by_team ON cases (tenant, team, id);

CREATE TABLE selections (
  tenant  TEXT   NOT NULL,
  id      TEXT   NOT NULL,
  month   TEXT   NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE audits (
  tenant    TEXT   NOT NULL,
  id        TEXT   NOT NULL,
  case_file TEXT   NOT NULL,
  auditor   TEXT   NOT NULL,
  state     BIGINT NOT NULL,
  selection TEXT   NOT NULL,
  escalated BIGINT NOT NULL,
  month     TEXT   NOT NULL,
  version   BIGINT NOT NULL,
  body      BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX audits_by_case ON audits (tenant, case_file, id);
CREATE INDEX audits_by_auditor ON audits (tenant, auditor, month);

CREATE TABLE tool_versions (
  tenant  TEXT   NOT NULL,
  tool    TEXT   NOT NULL,
  seq     BIGINT NOT NULL,
  state   BIGINT NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, tool, seq)
);

SELECT assure_tenant_wall('cases');
SELECT assure_tenant_wall('tool_versions');
SELECT assure_tenant_wall('selections');
SELECT assure_tenant_wall('audits');
