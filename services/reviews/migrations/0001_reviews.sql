-- The reviews service's tables. Every row carries its tenant (the local authority code)
-- and every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.

CREATE TABLE children (
  tenant        TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  -- The allocated IRO's id, or NULL.
  iro           TEXT,
  sibling_group TEXT,
  looked_after  INTEGER NOT NULL,
  -- Looked after or subject to child protection planning: needs an IRO.
  needs_iro     INTEGER NOT NULL,
  version       INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX children_by_iro ON children (tenant, iro);
CREATE INDEX children_by_sibling_group ON children (tenant, sibling_group);

CREATE TABLE iros (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  status  INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);

-- Every allocation ever made, with any soft rule overridden and why.
CREATE TABLE allocations (
  id              INTEGER PRIMARY KEY,
  tenant          TEXT    NOT NULL,
  child_id        TEXT    NOT NULL,
  iro             TEXT    NOT NULL,
  allocated_date  TEXT    NOT NULL,
  warnings        TEXT    NOT NULL,
  override_reason TEXT    NOT NULL,
  allocated_by    TEXT    NOT NULL,
  at_micros       INTEGER NOT NULL
);
CREATE INDEX allocations_by_child ON allocations (tenant, child_id);

CREATE TABLE reviews (
  tenant         TEXT    NOT NULL,
  child_id       TEXT    NOT NULL,
  seq            INTEGER NOT NULL,
  kind           INTEGER NOT NULL,
  state          INTEGER NOT NULL,
  iro            TEXT,
  due_date       TEXT,
  -- The date that counts as held (YYYY-MM-DD), for reports.
  effective_date TEXT,
  late           INTEGER NOT NULL DEFAULT 0,
  version        INTEGER NOT NULL,
  body           BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX reviews_by_effective_date ON reviews (tenant, effective_date);

CREATE TABLE decisions (
  tenant     TEXT    NOT NULL,
  child_id   TEXT    NOT NULL,
  review_seq INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  open       INTEGER NOT NULL,
  owner      TEXT    NOT NULL,
  due_date   TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, review_seq, seq),
  FOREIGN KEY (tenant, child_id, review_seq) REFERENCES reviews (tenant, child_id, seq)
);
CREATE INDEX decisions_open_by_due_date ON decisions (tenant, open, due_date);
