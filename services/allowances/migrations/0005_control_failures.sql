-- The controls failing now, per tenant: a row from the first day a control reads above 0
-- to the day it reads 0 again, with the finding sent to action plans for it, so each spell
-- of failure is sent once whichever replica sees it first.
CREATE TABLE control_failures (
  tenant    TEXT NOT NULL,
  control   TEXT NOT NULL,
  -- YYYY-MM-DD
  since_day TEXT NOT NULL,
  finding   TEXT NOT NULL,
  PRIMARY KEY (tenant, control)
);
