-- PostgreSQL version of 0002_declarations.sql.
CREATE TABLE declarations (
  tenant        TEXT   NOT NULL,
  allowance     TEXT   NOT NULL,
  year          BIGINT NOT NULL,
  state         BIGINT NOT NULL,
  next_step_day TEXT,
  version       BIGINT NOT NULL,
  body          BYTEA  NOT NULL,
  PRIMARY KEY (tenant, allowance, year)
);
CREATE INDEX declarations_by_step ON declarations (next_step_day);
CREATE INDEX declarations_by_year ON declarations (tenant, year, allowance);
SELECT assure_tenant_wall('declarations');
