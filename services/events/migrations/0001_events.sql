-- The events service's tables. Every row carries its tenant (the local authority code) and
-- every key starts with it.

-- Each tenant's last sequence. Taking the next one updates this row, which holds it until
-- the commit: two writers (two replicas) take sequences one after the other, so sequences
-- become visible in order and a reader that has seen n has seen everything before n.
CREATE TABLE event_cursors (
  tenant        TEXT    NOT NULL PRIMARY KEY,
  last_sequence INTEGER NOT NULL
);

CREATE TABLE events (
  tenant   TEXT    NOT NULL,
  sequence INTEGER NOT NULL,
  -- The sender's id: an event delivered twice is recorded once.
  event_id TEXT    NOT NULL,
  type     TEXT    NOT NULL,
  child    TEXT    NOT NULL,
  body     BLOB    NOT NULL,
  PRIMARY KEY (tenant, sequence),
  UNIQUE (tenant, event_id)
);

-- The partners an event is shown to: those with an open referral for its child when it was
-- recorded, and the partner a referral event concerns.
CREATE TABLE event_audience (
  tenant   TEXT    NOT NULL,
  partner  TEXT    NOT NULL,
  sequence INTEGER NOT NULL,
  PRIMARY KEY (tenant, partner, sequence)
);

-- Open referrals as the feed has heard of them, to find an event's audience.
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
  last_sequence INTEGER NOT NULL,
  PRIMARY KEY (tenant, source)
);

-- Events that arrived before an earlier one of their source, held until it comes.
CREATE TABLE events_held (
  tenant          TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  source_sequence INTEGER NOT NULL,
  event_id        TEXT    NOT NULL,
  body            BLOB    NOT NULL,
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
  delivered_sequence  INTEGER NOT NULL,
  attempts            INTEGER NOT NULL,
  next_attempt_micros INTEGER NOT NULL,
  last_error          TEXT    NOT NULL,
  deleted             INTEGER NOT NULL,
  body                BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
