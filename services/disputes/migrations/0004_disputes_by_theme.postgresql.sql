-- PostgreSQL version of 0004_disputes_by_theme.sql.
CREATE INDEX disputes_by_theme ON disputes (tenant, theme, raise_day);
