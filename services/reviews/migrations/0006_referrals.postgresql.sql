-- PostgreSQL version of 0006_referrals.sql.
CREATE TABLE referrals (
  tenant       TEXT   NOT NULL,
  child_id     TEXT   NOT NULL,
  seq          BIGINT NOT NULL,
  partner      TEXT   NOT NULL,
  state        BIGINT NOT NULL,
  urgency      BIGINT NOT NULL,
  referral_day TEXT   NOT NULL,
  version      BIGINT NOT NULL,
  body         BYTEA  NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX referrals_by_partner ON referrals (tenant, partner, state, child_id, seq);
CREATE INDEX referrals_by_day ON referrals (tenant, referral_day);
SELECT assure_tenant_wall('referrals');
