-- PostgreSQL version of 0002_outbox.sql: the same tables with PostgreSQL's types (BIGINT for
-- SQLite's 64-bit INTEGER, BYTEA for BLOB, an identity column for a rowid), and row-level
-- security on the tenant column (assure_tenant_wall, defined in the platform's first
-- migration) as a second wall behind the service's own filter.

-- Calls to other services, written in the same transaction as the change that causes them
-- and delivered by the outbox relay (ARCHITECTURE section 5). The id is the receiver's
-- request_id, so a message delivered twice is applied once.
CREATE TABLE outbox (
  id                  TEXT    PRIMARY KEY,
  tenant              TEXT    NOT NULL,
  -- The principal the call is made as (who made the change that caused it).
  subject             TEXT    NOT NULL,
  roles               TEXT    NOT NULL,
  -- "/package.Service/Method" and the serialized request.
  method              TEXT    NOT NULL,
  payload             BYTEA    NOT NULL,
  created_micros      BIGINT NOT NULL,
  -- pending, delivered, or refused (the receiver said no: kept for an operator).
  state               TEXT    NOT NULL DEFAULT 'pending',
  attempts            BIGINT NOT NULL DEFAULT 0,
  next_attempt_micros BIGINT NOT NULL,
  last_error          TEXT    NOT NULL DEFAULT '',
  settled_micros      BIGINT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_micros);

SELECT assure_tenant_wall('outbox');
