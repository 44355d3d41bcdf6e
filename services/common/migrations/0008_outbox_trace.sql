-- The W3C traceparent of the call whose change queued the message, sent with it, so the
-- receiver's log lines name the same trace. '' for messages queued outside a call.
ALTER TABLE outbox ADD COLUMN traceparent TEXT NOT NULL DEFAULT '';
