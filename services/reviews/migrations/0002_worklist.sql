-- The worklist. Scheduled meetings are read by due date; and each child's next statutory
-- meeting per chain is kept beside the child, written with every change to its history or
-- meetings, so that the meetings nobody has scheduled are one indexed read, not a replay of
-- every child's history.
CREATE INDEX reviews_by_state_due_date ON reviews (tenant, state, due_date, child_id, seq);

CREATE TABLE next_meetings (
  tenant    TEXT    NOT NULL,
  child_id  TEXT    NOT NULL,
  kind      INTEGER NOT NULL,
  due_date  TEXT    NOT NULL,
  -- 1 while a meeting of this kind is scheduled for the child.
  scheduled INTEGER NOT NULL,
  -- The DueDate, with its reason, as the API gives it.
  due       BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, kind),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX next_meetings_unscheduled ON next_meetings (tenant, scheduled, due_date, child_id, kind);
