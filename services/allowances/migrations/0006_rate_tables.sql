-- Rate tables, never changed once saved; the one in force on a day is the latest effective
-- by then.
CREATE TABLE rate_tables (
  tenant        TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  -- YYYY-MM-DD
  effective_day TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX rate_tables_by_day ON rate_tables (tenant, effective_day, id);
