-- PostgreSQL version of 0004_programmes.sql.
CREATE INDEX audits_by_selection ON audits (tenant, selection, id);
