-- PostgreSQL version of 0001_disputes.sql: the same tables with PostgreSQL's types (BIGINT for
-- SQLite's 64-bit INTEGER, BYTEA for BLOB, an identity column for a rowid), and row-level
-- security on the tenant column as a second wall behind the service's own filter: a row is
-- visible only while the transaction's assure.tenant setting names its tenant ('*' is the
-- service's own cross-tenant work: the drift check, the outbox relay, metrics at start).
-- FORCE applies the policy to the table's owner too.

-- The disputes service's tables. Every row carries its tenant (the local authority code)
-- and every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.

CREATE TABLE disputes (
  tenant      TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  child       TEXT    NOT NULL,
  review      TEXT    NOT NULL,
  theme       TEXT    NOT NULL,
  raised_by   TEXT    NOT NULL,
  starred     BIGINT NOT NULL,
  state       BIGINT NOT NULL,
  stage_level BIGINT NOT NULL,
  outcome     BIGINT NOT NULL,
  -- YYYY-MM-DD in Europe/London: raised, closed (NULL while open), current stage due
  -- (NULL when closed).
  raise_day   TEXT    NOT NULL,
  close_day   TEXT,
  stage_due   TEXT,
  version     BIGINT NOT NULL,
  body        BYTEA    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX disputes_open_by_due ON disputes (state, stage_due);
CREATE INDEX disputes_by_raise_day ON disputes (tenant, raise_day);

-- One row per authority that has changed its ladder; the defaults apply until then.
CREATE TABLE dispute_settings (
  tenant  TEXT    NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL,
  body    BYTEA    NOT NULL
);

ALTER TABLE disputes ENABLE ROW LEVEL SECURITY;
ALTER TABLE disputes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON disputes
  USING (tenant = current_setting('assure.tenant', true) OR current_setting('assure.tenant', true) = '*')
  WITH CHECK (tenant = current_setting('assure.tenant', true) OR current_setting('assure.tenant', true) = '*');

ALTER TABLE dispute_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON dispute_settings
  USING (tenant = current_setting('assure.tenant', true) OR current_setting('assure.tenant', true) = '*')
  WITH CHECK (tenant = current_setting('assure.tenant', true) OR current_setting('assure.tenant', true) = '*');
