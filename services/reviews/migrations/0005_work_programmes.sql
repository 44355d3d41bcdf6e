-- The annual report's work programmes, each adopted once.
CREATE TABLE work_programmes (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
