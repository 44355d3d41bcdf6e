-- The finance system's report-back: a payment settles one scheduled entry (its seq), once.
ALTER TABLE ledger_entries ADD COLUMN settles INTEGER;
CREATE UNIQUE INDEX ledger_paid_once ON ledger_entries (tenant, allowance, settles)
  WHERE kind = 2;
CREATE INDEX ledger_by_due ON ledger_entries (tenant, kind, due_day, allowance, seq);
