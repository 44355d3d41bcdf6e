-- PostgreSQL version of 0005_control_failures.sql.
CREATE TABLE control_failures (
  tenant    TEXT NOT NULL,
  control   TEXT NOT NULL,
  since_day TEXT NOT NULL,
  finding   TEXT NOT NULL,
  PRIMARY KEY (tenant, control)
);
SELECT assure_tenant_wall('control_failures');
