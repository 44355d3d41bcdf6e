-- Tables every service has: idempotent requests and the access record.

-- A create or state change with a request_id stores its response here in the same
-- transaction, so a retry returns the first result instead of acting twice.
CREATE TABLE requests (
  tenant      TEXT    NOT NULL,
  request_id  TEXT    NOT NULL,
  method      TEXT    NOT NULL,
  response    BLOB    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant, request_id)
);

-- Who read or wrote which child's data, when, and why (ARCHITECTURE section 6).
CREATE TABLE access_records (
  id        INTEGER PRIMARY KEY,
  tenant    TEXT    NOT NULL,
  subject   TEXT    NOT NULL,
  method    TEXT    NOT NULL,
  resource  TEXT    NOT NULL,
  purpose   TEXT    NOT NULL,
  at_micros INTEGER NOT NULL
);
CREATE INDEX access_records_by_resource ON access_records (tenant, resource, at_micros);
