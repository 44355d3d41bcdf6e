-- PostgreSQL version of 0005_figures.sql: BIGINT for SQLite's 64-bit INTEGER, and row-level
-- security on the tenant column (assure_tenant_wall).
CREATE TABLE figures (
  tenant  TEXT   NOT NULL,
  name    TEXT   NOT NULL,
  labels  TEXT   NOT NULL,
  due     TEXT   NOT NULL DEFAULT '',
  value   BIGINT NOT NULL,
  PRIMARY KEY (tenant, name, labels, due)
);
SELECT assure_tenant_wall('figures');

CREATE TABLE figures_seeded (component TEXT PRIMARY KEY);
