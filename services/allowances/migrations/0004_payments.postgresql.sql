-- PostgreSQL version of 0004_payments.sql.
ALTER TABLE ledger_entries ADD COLUMN settles BIGINT;
CREATE UNIQUE INDEX ledger_paid_once ON ledger_entries (tenant, allowance, settles)
  WHERE kind = 2;
CREATE INDEX ledger_by_due ON ledger_entries (tenant, kind, due_day, allowance, seq);
