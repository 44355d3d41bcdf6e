-- PostgreSQL version of 0002_settings_history.sql: the migration works across tenants, so it
-- lifts the row-level wall for its own transaction ('*').
SELECT set_config('assure.tenant', '*', true);
INSERT INTO settings_revisions (tenant, resource, version, body)
  SELECT tenant, 'disputeSettings', version, body FROM dispute_settings;
DROP TABLE dispute_settings;
