-- A theme's disputes raised since a day: whether it has recurred past the authority's
-- threshold is asked at every new dispute.
CREATE INDEX disputes_by_theme ON disputes (tenant, theme, raise_day);
