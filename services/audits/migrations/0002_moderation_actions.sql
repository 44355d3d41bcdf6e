-- Moderation and required actions. `awaiting_moderation` marks the submitted audits that
-- must be moderated (the moderators' queue); actions are kept per audit, numbered from 1,
-- read by owner and by due date (the overdue list).
ALTER TABLE audits ADD COLUMN awaiting_moderation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE audit_actions (
  tenant   TEXT    NOT NULL,
  audit_id TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  open     INTEGER NOT NULL,
  owner    TEXT    NOT NULL,
  -- YYYY-MM-DD
  due_date TEXT    NOT NULL,
  version  INTEGER NOT NULL,
  body     BLOB    NOT NULL,
  PRIMARY KEY (tenant, audit_id, seq)
);
CREATE INDEX audit_actions_open_by_due_date ON audit_actions (tenant, open, due_date);
