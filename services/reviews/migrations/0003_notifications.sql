-- What the authority told each child's IRO (CPPCR 2010 reg 45), for the IRO's list of
-- notifications still to acknowledge.
CREATE TABLE notifications (
  tenant       TEXT    NOT NULL,
  child_id     TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  iro          TEXT    NOT NULL,
  acknowledged INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  body         BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX notifications_by_iro ON notifications (tenant, iro, acknowledged);
