-- PostgreSQL version of 0008_views_and_concerns.sql.
CREATE TABLE child_views (
  tenant     TEXT   NOT NULL,
  child_id   TEXT   NOT NULL,
  review_seq BIGINT NOT NULL,
  seq        BIGINT NOT NULL,
  partner    TEXT   NOT NULL,
  audience   BIGINT NOT NULL,
  version    BIGINT NOT NULL,
  body       BYTEA  NOT NULL,
  PRIMARY KEY (tenant, child_id, review_seq, seq),
  FOREIGN KEY (tenant, child_id, review_seq) REFERENCES reviews (tenant, child_id, seq)
);
SELECT assure_tenant_wall('child_views');
CREATE TABLE concerns (
  tenant   TEXT   NOT NULL,
  child_id TEXT   NOT NULL,
  seq      BIGINT NOT NULL,
  partner  TEXT   NOT NULL,
  state    BIGINT NOT NULL,
  acknowledge_due TEXT NOT NULL,
  answer_due      TEXT NOT NULL,
  version  BIGINT NOT NULL,
  body     BYTEA  NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX concerns_by_partner ON concerns (tenant, partner, child_id, seq);
SELECT assure_tenant_wall('concerns');
