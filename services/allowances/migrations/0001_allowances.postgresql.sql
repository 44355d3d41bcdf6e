-- PostgreSQL version of 0001_allowances.sql: the same tables with PostgreSQL's types, and
-- row-level security on the tenant column (assure_tenant_wall, defined in the platform's
-- first migration) as a second wall behind the service's own filter.
CREATE TABLE supported_children (
  tenant  TEXT   NOT NULL,
  id      TEXT   NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE allowances (
  tenant  TEXT   NOT NULL,
  id      TEXT   NOT NULL,
  child   TEXT   NOT NULL,
  state   BIGINT NOT NULL,
  type    BIGINT NOT NULL,
  version BIGINT NOT NULL,
  body    BYTEA  NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX allowances_by_child ON allowances (tenant, child, id);

CREATE TABLE ledger_entries (
  tenant       TEXT   NOT NULL,
  allowance    TEXT   NOT NULL,
  seq          BIGINT NOT NULL,
  kind         BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL,
  due_day      TEXT   NOT NULL,
  body         BYTEA  NOT NULL,
  PRIMARY KEY (tenant, allowance, seq)
);
CREATE UNIQUE INDEX ledger_one_instalment ON ledger_entries (tenant, allowance, due_day)
  WHERE kind = 1;
CREATE FUNCTION allowances_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only';
END
$$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION allowances_ledger_append_only();

SELECT assure_tenant_wall('supported_children');
SELECT assure_tenant_wall('allowances');
SELECT assure_tenant_wall('ledger_entries');
