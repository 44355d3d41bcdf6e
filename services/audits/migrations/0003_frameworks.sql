-- Audit frameworks: numbered as saved (seq), never changed; the one ruling a month is the
-- latest effective by then.
CREATE TABLE audit_frameworks (
  tenant          TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  -- YYYY-MM
  effective_month TEXT    NOT NULL,
  version         INTEGER NOT NULL,
  body            BLOB    NOT NULL,
  PRIMARY KEY (tenant, seq)
);
CREATE INDEX audit_frameworks_by_month ON audit_frameworks (tenant, effective_month);
CREATE INDEX selections_by_month ON selections (tenant, month);
CREATE INDEX audits_by_month ON audits (tenant, month);
