-- PostgreSQL version of 0002_moderation_actions.sql.
ALTER TABLE audits ADD COLUMN awaiting_moderation BIGINT NOT NULL DEFAULT 0;

CREATE TABLE audit_actions (
  tenant   TEXT   NOT NULL,
  audit_id TEXT   NOT NULL,
  seq      BIGINT NOT NULL,
  open     BIGINT NOT NULL,
  owner    TEXT   NOT NULL,
  due_date TEXT   NOT NULL,
  version  BIGINT NOT NULL,
  body     BYTEA  NOT NULL,
  PRIMARY KEY (tenant, audit_id, seq)
);
CREATE INDEX audit_actions_open_by_due_date ON audit_actions (tenant, open, due_date);
SELECT assure_tenant_wall('audit_actions');
