-- PostgreSQL version of 0003_decisions.sql.
CREATE TABLE decisions (
  tenant    TEXT   NOT NULL,
  allowance TEXT   NOT NULL,
  seq       BIGINT NOT NULL,
  state     BIGINT NOT NULL,
  version   BIGINT NOT NULL,
  body      BYTEA  NOT NULL,
  PRIMARY KEY (tenant, allowance, seq)
);
CREATE INDEX decisions_by_state ON decisions (tenant, state, allowance, seq);
SELECT assure_tenant_wall('decisions');
