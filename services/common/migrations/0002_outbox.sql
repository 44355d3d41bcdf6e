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
  payload             BLOB    NOT NULL,
  created_micros      INTEGER NOT NULL,
  -- pending, delivered, or refused (the receiver said no: kept for an operator).
  state               TEXT    NOT NULL DEFAULT 'pending',
  attempts            INTEGER NOT NULL DEFAULT 0,
  next_attempt_micros INTEGER NOT NULL,
  last_error          TEXT    NOT NULL DEFAULT '',
  settled_micros      INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_micros);
