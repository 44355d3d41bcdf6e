-- PostgreSQL version of 0003_notifications.sql.
CREATE TABLE notifications (
  tenant       TEXT   NOT NULL,
  child_id     TEXT   NOT NULL,
  seq          BIGINT NOT NULL,
  iro          TEXT   NOT NULL,
  acknowledged BIGINT NOT NULL,
  version      BIGINT NOT NULL,
  body         BYTEA  NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX notifications_by_iro ON notifications (tenant, iro, acknowledged);
SELECT assure_tenant_wall('notifications');
