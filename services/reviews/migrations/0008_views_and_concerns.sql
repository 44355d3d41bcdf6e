-- What advocates send the IRO: the child's views before a meeting, and concerns.
CREATE TABLE child_views (
  tenant     TEXT    NOT NULL,
  child_id   TEXT    NOT NULL,
  review_seq INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  -- Who may read them: the provider that sent them; other staff when shared with the meeting.
  partner    TEXT    NOT NULL,
  audience   INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  body       BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, review_seq, seq),
  FOREIGN KEY (tenant, child_id, review_seq) REFERENCES reviews (tenant, child_id, seq)
);
CREATE TABLE concerns (
  tenant   TEXT    NOT NULL,
  child_id TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  partner  TEXT    NOT NULL,
  state    INTEGER NOT NULL,
  -- YYYY-MM-DD, fixed when raised, for the overdue filter.
  acknowledge_due TEXT NOT NULL,
  answer_due      TEXT NOT NULL,
  version  INTEGER NOT NULL,
  body     BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX concerns_by_partner ON concerns (tenant, partner, child_id, seq);
