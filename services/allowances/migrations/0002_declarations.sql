-- Annual declarations: one row per allowance and financial year. `next_step_day` is when
-- the drift check must look at it again (its reminder, then its suspension); NULL once back
-- or lapsed, so the check reads only those still waiting.
CREATE TABLE declarations (
  tenant        TEXT    NOT NULL,
  allowance     TEXT    NOT NULL,
  year          INTEGER NOT NULL,
  state         INTEGER NOT NULL,
  -- YYYY-MM-DD
  next_step_day TEXT,
  version       INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  PRIMARY KEY (tenant, allowance, year)
);
CREATE INDEX declarations_by_step ON declarations (next_step_day);
CREATE INDEX declarations_by_year ON declarations (tenant, year, allowance);
