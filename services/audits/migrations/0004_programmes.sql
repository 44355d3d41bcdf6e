-- A themed programme's progress is read from its selection's audits.
CREATE INDEX audits_by_selection ON audits (tenant, selection, id);
