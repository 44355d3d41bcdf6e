-- IROs observed chairing: each observation a row, never changed.
CREATE TABLE iro_observations (
  tenant      TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  -- iros/{iro}
  iro         TEXT    NOT NULL,
  -- YYYY-MM-DD
  observe_day TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  body        BLOB    NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX iro_observations_by_iro ON iro_observations (tenant, iro, id);
CREATE INDEX iro_observations_by_day ON iro_observations (tenant, observe_day);
