-- Decisions with notice: one row per proposal, numbered per allowance, never removed.
CREATE TABLE decisions (
  tenant    TEXT    NOT NULL,
  allowance TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  state     INTEGER NOT NULL,
  version   INTEGER NOT NULL,
  body      BLOB    NOT NULL,
  PRIMARY KEY (tenant, allowance, seq)
);
CREATE INDEX decisions_by_state ON decisions (tenant, state, allowance, seq);
