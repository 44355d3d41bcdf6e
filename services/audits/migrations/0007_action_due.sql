-- An action's due date, told to the event feed once (audits.action.due): `due_announced`
-- marks the actions already told, so the check on every replica finds only the rest.
ALTER TABLE audit_actions ADD COLUMN due_announced INTEGER NOT NULL DEFAULT 0;
CREATE INDEX audit_actions_due_unannounced ON audit_actions (open, due_announced, due_date);
