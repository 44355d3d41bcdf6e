-- A request id names one request by one caller (AIP-155): who sent it and a digest of what
-- they sent, so a reuse by another caller or with another request is refused, not replayed.
ALTER TABLE requests ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
