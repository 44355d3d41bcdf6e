-- Advocacy referrals (Children Act 1989 s26A): each child's referrals to partners, with the
-- columns that a partner's scope, the lists' filters and the contract report select on.
CREATE TABLE referrals (
  tenant       TEXT    NOT NULL,
  child_id     TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  partner      TEXT    NOT NULL,
  state        INTEGER NOT NULL,
  urgency      INTEGER NOT NULL,
  referral_day TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  body         BLOB    NOT NULL,
  PRIMARY KEY (tenant, child_id, seq),
  FOREIGN KEY (tenant, child_id) REFERENCES children (tenant, id)
);
CREATE INDEX referrals_by_partner ON referrals (tenant, partner, state, child_id, seq);
CREATE INDEX referrals_by_day ON referrals (tenant, referral_day);
