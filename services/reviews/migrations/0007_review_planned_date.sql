-- The planned day of each meeting as a column, so a provider's referrals can be listed by
-- meetings coming up (meeting_within_days). Rows saved before it fall back to the due date.
ALTER TABLE reviews ADD COLUMN planned_date TEXT;
