-- The state figures of the Performance Board (caseloads, open and overdue decisions, open
-- disputes by stage...), kept per tenant in the same transaction as the change they count,
-- so every replica exports the store's truth (services/common/figures.h). A figure counted
-- by due day carries the day in `due`; the exporter sums the days before today as overdue.
CREATE TABLE figures (
  tenant  TEXT    NOT NULL,
  name    TEXT    NOT NULL,
  labels  TEXT    NOT NULL,
  due     TEXT    NOT NULL DEFAULT '',
  value   INTEGER NOT NULL,
  PRIMARY KEY (tenant, name, labels, due)
);

-- Components whose figures were counted from their tables once (a database older than the
-- figures table): counted again never.
CREATE TABLE figures_seeded (component TEXT PRIMARY KEY);
