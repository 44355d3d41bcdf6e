-- PostgreSQL version of 0007_action_due.sql.
ALTER TABLE audit_actions ADD COLUMN due_announced BIGINT NOT NULL DEFAULT 0;
CREATE INDEX audit_actions_due_unannounced ON audit_actions (open, due_announced, due_date);
