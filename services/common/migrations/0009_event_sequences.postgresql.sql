-- PostgreSQL version of 0009_event_sequences.sql, with row-level security on the tenant.
CREATE TABLE event_sequences (
  tenant        TEXT   NOT NULL PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);
SELECT assure_tenant_wall('event_sequences');
