-- The ladder joins the platform's settings_revisions, where every saved version is kept with
-- who saved it; the version in force moves there, and its one-row table goes.
INSERT INTO settings_revisions (tenant, resource, version, body)
  SELECT tenant, 'disputeSettings', version, body FROM dispute_settings;
DROP TABLE dispute_settings;
