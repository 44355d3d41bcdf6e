-- The partner organisation of the principal a message is sent as ('' for staff and the
-- system): a partner's change (an advocate raising a concern) tells other services as that
-- partner, which a principal with a partner role must name.
ALTER TABLE outbox ADD COLUMN partner TEXT NOT NULL DEFAULT '';
