-- PostgreSQL version of 0007_review_planned_date.sql.
ALTER TABLE reviews ADD COLUMN planned_date TEXT;
