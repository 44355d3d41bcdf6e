-- PostgreSQL version of 0006_settings_revisions.sql, with row-level security on the tenant.
CREATE TABLE settings_revisions (
  tenant    TEXT   NOT NULL,
  resource  TEXT   NOT NULL,
  version   BIGINT NOT NULL,
  body      BYTEA  NOT NULL,
  PRIMARY KEY (tenant, resource, version)
);
SELECT assure_tenant_wall('settings_revisions');
