-- PostgreSQL version of 0001_events.sql: the same tables with PostgreSQL's types, and
-- row-level security on the tenant column (assure_tenant_wall) as a second wall behind the
-- service's own filter.

-- Each tenant's last sequence. Taking the next one updates this row, which holds it until
-- the commit: two writers (two replicas) take sequences one after the other, so sequences
-- become visible in order and a reader that has seen n has seen everything before n.
CREATE TABLE event_cursors (
  tenant        TEXT   NOT NULL PRIMARY KEY,
  last_sequence BIGINT NOT NULL
);

CREATE TABLE events (
  tenant   TEXT   NOT NULL,
  sequence BIGINT NOT NULL,
  event_id TEXT   NOT NULL,
  type     TEXT   NOT NULL,
  child    TEXT   NOT NULL,
  body     BYTEA  NOT NULL,
  PRIMARY KEY (tenant, sequence),
  UNIQUE (tenant, event_id)
);

CREATE TABLE event_audience (
  tenant   TEXT   NOT NULL,
  partner  TEXT   NOT NULL,
  sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant, partner, sequence)
);

CREATE TABLE event_referrals (
  tenant   TEXT NOT NULL,
  referral TEXT NOT NULL,
  child    TEXT NOT NULL,
  partner  TEXT NOT NULL,
  PRIMARY KEY (tenant, referral)
);
CREATE INDEX event_referrals_by_child ON event_referrals (tenant, child);

-- Each source's last event recorded in the feed, per tenant: its next must be this + 1.
CREATE TABLE event_sources (
  tenant        TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  last_sequence BIGINT NOT NULL,
  PRIMARY KEY (tenant, source)
);

-- Events that arrived before an earlier one of their source, held until it comes.
CREATE TABLE events_held (
  tenant          TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  source_sequence BIGINT NOT NULL,
  event_id        TEXT    NOT NULL,
  body            BYTEA    NOT NULL,
  PRIMARY KEY (tenant, source, source_sequence)
);

-- Webhook subscriptions: where a subscriber's events are pushed, and how far they got. The
-- secret signs deliveries and is never returned. next_attempt_micros is both the retry time
-- after a failure and the lease of the replica delivering (so replicas do not send the same).
CREATE TABLE subscriptions (
  tenant              TEXT    NOT NULL,
  id                  TEXT    NOT NULL,
  partner             TEXT    NOT NULL,
  url                 TEXT    NOT NULL,
  secret              TEXT    NOT NULL,
  filter              TEXT    NOT NULL,
  delivered_sequence  BIGINT NOT NULL,
  attempts            BIGINT NOT NULL,
  next_attempt_micros BIGINT NOT NULL,
  last_error          TEXT    NOT NULL,
  deleted             BIGINT NOT NULL,
  body                BYTEA    NOT NULL,
  PRIMARY KEY (tenant, id)
);

SELECT assure_tenant_wall('event_cursors');
SELECT assure_tenant_wall('events');
SELECT assure_tenant_wall('event_audience');
SELECT assure_tenant_wall('event_referrals');
SELECT assure_tenant_wall('event_sources');
SELECT assure_tenant_wall('events_held');
SELECT assure_tenant_wall('subscriptions');
