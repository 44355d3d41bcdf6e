-- PostgreSQL version of 0006_themes.sql.
CREATE TABLE theme_tallies (
  tenant  TEXT    NOT NULL,
  month   TEXT    NOT NULL,
  kind    INTEGER NOT NULL,
  tag     TEXT    NOT NULL,
  audits  BIGINT  NOT NULL,
  finding TEXT,
  PRIMARY KEY (tenant, month, kind, tag)
);
SELECT assure_tenant_wall('theme_tallies');
