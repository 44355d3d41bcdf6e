-- PostgreSQL version of 0003_frameworks.sql.
CREATE TABLE audit_frameworks (
  tenant          TEXT   NOT NULL,
  seq             BIGINT NOT NULL,
  effective_month TEXT   NOT NULL,
  version         BIGINT NOT NULL,
  body            BYTEA  NOT NULL,
  PRIMARY KEY (tenant, seq)
);
CREATE INDEX audit_frameworks_by_month ON audit_frameworks (tenant, effective_month);
CREATE INDEX selections_by_month ON selections (tenant, month);
CREATE INDEX audits_by_month ON audits (tenant, month);
SELECT assure_tenant_wall('audit_frameworks');
