-- Each theme's count of audits in a month, kept as audits are submitted so that crossing the
-- referral threshold is seen exactly once (the upsert locks the row), with the finding it
-- became. The register itself is computed from the audits.
CREATE TABLE theme_tallies (
  tenant  TEXT    NOT NULL,
  -- YYYY-MM
  month   TEXT    NOT NULL,
  -- ThemeKind
  kind    INTEGER NOT NULL,
  tag     TEXT    NOT NULL,
  audits  INTEGER NOT NULL,
  -- findings/{finding} sent to action plans, once.
  finding TEXT,
  PRIMARY KEY (tenant, month, kind, tag)
);
