-- The action plans service's tables. Every row carries its tenant (the local authority code)
-- and every key starts with it. `body` holds the resource as the API returns it; the other
-- columns are what queries filter, order and count on.
CREATE TABLE plans (
  tenant         TEXT    NOT NULL,
  id             TEXT    NOT NULL,
  state          INTEGER NOT NULL,
  source         INTEGER NOT NULL,
  -- microseconds since the epoch: the newest open plan of a source takes its findings
  created_micros INTEGER NOT NULL,
  version        INTEGER NOT NULL,
  body           BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX plans_by_source ON plans (tenant, source, state, created_micros);

CREATE TABLE recommendations (
  tenant  TEXT    NOT NULL,
  plan    TEXT    NOT NULL,
  seq     INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, plan, seq)
);

CREATE TABLE actions (
  tenant   TEXT    NOT NULL,
  plan     TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  state    INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  team     TEXT    NOT NULL,
  version  INTEGER NOT NULL,
  body     BLOB    NOT NULL,
  PRIMARY KEY (tenant, plan, seq)
);
CREATE INDEX actions_open ON actions (state, tenant);

-- Updates and follow-ups accumulate and are never overwritten: the database refuses to
-- change or remove one whatever the code above it does.
CREATE TABLE action_updates (
  tenant TEXT    NOT NULL,
  plan   TEXT    NOT NULL,
  action INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  body   BLOB    NOT NULL,
  PRIMARY KEY (tenant, plan, action, seq)
);
CREATE TRIGGER action_updates_no_update BEFORE UPDATE ON action_updates
BEGIN
  SELECT RAISE(ABORT, 'action updates are never overwritten');
END;
CREATE TRIGGER action_updates_no_delete BEFORE DELETE ON action_updates
BEGIN
  SELECT RAISE(ABORT, 'action updates are never overwritten');
END;

CREATE TABLE follow_ups (
  tenant TEXT    NOT NULL,
  plan   TEXT    NOT NULL,
  action INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  body   BLOB    NOT NULL,
  PRIMARY KEY (tenant, plan, action, seq)
);
CREATE TRIGGER follow_ups_no_update BEFORE UPDATE ON follow_ups
BEGIN
  SELECT RAISE(ABORT, 'follow-ups are never overwritten');
END;
CREATE TRIGGER follow_ups_no_delete BEFORE DELETE ON follow_ups
BEGIN
  SELECT RAISE(ABORT, 'follow-ups are never overwritten');
END;

CREATE TABLE update_requests (
  tenant  TEXT    NOT NULL,
  plan    TEXT    NOT NULL,
  action  INTEGER NOT NULL,
  -- yyyy-mm
  month   TEXT    NOT NULL,
  state   INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, plan, action, month)
);
CREATE INDEX update_requests_by_state ON update_requests (tenant, state, plan, action, month);

CREATE TABLE findings (
  tenant  TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  placed  INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body    BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
