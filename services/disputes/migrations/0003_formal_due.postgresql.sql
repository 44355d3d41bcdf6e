-- When each open dispute's formal process should be over (20 working days from its first
-- formal stage), for the live list of those past it. Filled for older rows at start.
ALTER TABLE disputes ADD COLUMN formal_due TEXT;
CREATE INDEX disputes_open_by_formal_due ON disputes (tenant, state, formal_due);
-- Looked-after or child protection case (CaseType; 0 where not recorded), for the log's
-- filter.
ALTER TABLE disputes ADD COLUMN case_type BIGINT NOT NULL DEFAULT 0;
