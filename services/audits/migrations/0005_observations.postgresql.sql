-- PostgreSQL version of 0005_observations.sql.
CREATE TABLE iro_observations (
  tenant      TEXT   NOT NULL,
  id          TEXT   NOT NULL,
  iro         TEXT   NOT NULL,
  observe_day TEXT   NOT NULL,
  version     BIGINT NOT NULL,
  body        BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX iro_observations_by_iro ON iro_observations (tenant, iro, id);
CREATE INDEX iro_observations_by_day ON iro_observations (tenant, observe_day);
SELECT assure_tenant_wall('iro_observations');
