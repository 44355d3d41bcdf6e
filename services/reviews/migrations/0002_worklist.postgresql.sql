-- PostgreSQL version of 0002_worklist.sql.
CREATE INDEX reviews_by_state_due_date ON reviews (tenant, state, due_date, child_id, seq);

CREATE TABLE next_meetings (
  tenant    TEXT   NOT NULL,
  child_id  TEXT   NOT NULL,
  kind      BIGINT NOT NULL,
  due_date  TEXT   NOT NULL,
  scheduled BIGINT NOT NULL,
  due       BYTEA  NOT NULL,
  PRIMARY KEY (tenant, child_id, kind),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX next_meetings_unscheduled ON next_meetings (tenant, scheduled, due_date, child_id, kind);
SELECT assure_tenant_wall('next_meetings');
