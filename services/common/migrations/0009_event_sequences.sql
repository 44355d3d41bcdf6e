-- Each tenant's count of the events this service has published to the feed
-- (services/common/domain_events.h): taken in the change's transaction, so the feed can put
-- a service's events back in the order they happened whatever order they arrive in.
CREATE TABLE event_sequences (
  tenant        TEXT    NOT NULL PRIMARY KEY,
  last_sequence INTEGER NOT NULL
);
