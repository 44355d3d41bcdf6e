-- Every saved version of a tenant's settings resource (reviewSettings, ...): the newest is
-- in force, the others are its history. Who saved each and when is inside the body.
CREATE TABLE settings_revisions (
  tenant    TEXT    NOT NULL,
  resource  TEXT    NOT NULL,
  version   INTEGER NOT NULL,
  body      BLOB    NOT NULL,
  PRIMARY KEY (tenant, resource, version)
);
