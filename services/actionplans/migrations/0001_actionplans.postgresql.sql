-- PostgreSQL version of 0001_actionplans.sql: the same tables with PostgreSQL's types, and
-- row-level security on the tenant column (assure_tenant_wall, defined in the platform's
-- first migration) as a second wall behind the service's own filter.
CREATE TABLE plans (
  tenant         TEXT   NOT NULL,
  id             TEXT   NOT NULL,
  state          BIGINT NOT NULL,
  source         BIGINT NOT NULL,
  created_micros BIGINT NOT NULL,
  version        BIGINT NOT NULL,
  body           BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX plans_by_source ON plans (tenant, source, state, created_micros);

CREATE TABLE recommendations (
  tenant  TEXT   NOT NULL,
  plan    TEXT   NOT NULL,
  seq     BIGINT NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, plan, seq)
);

CREATE TABLE actions (
  tenant   TEXT   NOT NULL,
  plan     TEXT   NOT NULL,
  seq      BIGINT NOT NULL,
  state    BIGINT NOT NULL,
  priority BIGINT NOT NULL,
  team     TEXT   NOT NULL,
  version  BIGINT NOT NULL,
  body     BYTEA  NOT NULL,
  PRIMARY KEY (tenant, plan, seq)
);
CREATE INDEX actions_open ON actions (state, tenant);

CREATE FUNCTION actionplans_never_overwritten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'updates and follow-ups are never overwritten';
END
$$;

CREATE TABLE action_updates (
  tenant TEXT   NOT NULL,
  plan   TEXT   NOT NULL,
  action BIGINT NOT NULL,
  seq    BIGINT NOT NULL,
  body   BYTEA  NOT NULL,
  PRIMARY KEY (tenant, plan, action, seq)
);
CREATE TRIGGER action_updates_never_overwritten BEFORE UPDATE OR DELETE ON action_updates
  FOR EACH ROW EXECUTE FUNCTION actionplans_never_overwritten();

CREATE TABLE follow_ups (
  tenant TEXT   NOT NULL,
  plan   TEXT   NOT NULL,
  action BIGINT NOT NULL,
  seq    BIGINT NOT NULL,
  body   BYTEA  NOT NULL,
  PRIMARY KEY (tenant, plan, action, seq)
);
CREATE TRIGGER follow_ups_never_overwritten BEFORE UPDATE OR DELETE ON follow_ups
  FOR EACH ROW EXECUTE FUNCTION actionplans_never_overwritten();

CREATE TABLE update_requests (
  tenant  TEXT   NOT NULL,
  plan    TEXT   NOT NULL,
  action  BIGINT NOT NULL,
  month   TEXT   NOT NULL,
  state   BIGINT NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, plan, action, month)
);
CREATE INDEX update_requests_by_state ON update_requests (tenant, state, plan, action, month);

CREATE TABLE findings (
  tenant  TEXT   NOT NULL,
  id      TEXT   NOT NULL,
  placed  BIGINT NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);

SELECT assure_tenant_wall('plans');
SELECT assure_tenant_wall('recommendations');
SELECT assure_tenant_wall('actions');
SELECT assure_tenant_wall('action_updates');
SELECT assure_tenant_wall('follow_ups');
SELECT assure_tenant_wall('update_requests');
SELECT assure_tenant_wall('findings');
