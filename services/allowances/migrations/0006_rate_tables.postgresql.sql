-- PostgreSQL version of 0006_rate_tables.sql.
CREATE TABLE rate_tables (
  tenant        TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  effective_day TEXT   NOT NULL,
  version       BIGINT NOT NULL,
  body          BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX rate_tables_by_day ON rate_tables (tenant, effective_day, id);
SELECT assure_tenant_wall('rate_tables');
