-- PostgreSQL version of 0004_starred.sql.
ALTER TABLE decisions ADD COLUMN starred BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN awaiting_deadline BIGINT NOT NULL DEFAULT 0;
CREATE INDEX decisions_awaiting_deadline ON decisions (awaiting_deadline, due_date);
