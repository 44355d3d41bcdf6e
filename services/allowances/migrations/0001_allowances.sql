-- The allowances service's tables. Every row carries its tenant (the local authority code)
-- and every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.
CREATE TABLE supported_children (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE allowances (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  child   TEXT    NOT NULL,
  state   INTEGER NOT NULL,
  type    INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX allowances_by_child ON allowances (tenant, child, id);

-- The ledger: append-only, so the database refuses to change or remove an entry whatever
-- the code above it does.
CREATE TABLE ledger_entries (
  tenant       TEXT    NOT NULL,
  allowance    TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  kind         INTEGER NOT NULL,
  amount_pence INTEGER NOT NULL,
  -- YYYY-MM-DD
  due_day      TEXT    NOT NULL,
  body         BLOB    NOT NULL,
  PRIMARY KEY (tenant, allowance, seq)
);
-- One instalment per allowance and day.
CREATE UNIQUE INDEX ledger_one_instalment ON ledger_entries (tenant, allowance, due_day)
  WHERE kind = 1;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
