-- One row the store rewrites to learn whether the database takes writes again after one
-- failed for want of it (a full disk): the health check's probe, never tenant data.
CREATE TABLE store_probe (id INTEGER PRIMARY KEY, at_micros BIGINT NOT NULL);
INSERT INTO store_probe (id, at_micros) VALUES (1, 0);
