-- Starred recommendations: decisions with a deadline that enter the problem resolution log
-- only if it is missed. `starred` serves the filter; `awaiting_deadline` marks the starred
-- recommendations still open and not yet in the log, which the deadline check reads across
-- every tenant by due date, and clears when it opens a dispute or the decision is done.
ALTER TABLE decisions ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN awaiting_deadline INTEGER NOT NULL DEFAULT 0;
CREATE INDEX decisions_awaiting_deadline ON decisions (awaiting_deadline, due_date);
