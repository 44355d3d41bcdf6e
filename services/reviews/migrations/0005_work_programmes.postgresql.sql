-- PostgreSQL version of 0005_work_programmes.sql.
CREATE TABLE work_programmes (
  tenant  TEXT   NOT NULL,
  id      TEXT   NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
SELECT assure_tenant_wall('work_programmes');
