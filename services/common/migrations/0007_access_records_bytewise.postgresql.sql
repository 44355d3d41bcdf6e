-- A child's access records are read as a range of resource names compared byte by byte
-- (services/common/store/access_record.h), whatever collation the database was created
-- with: this index serves that range.
CREATE INDEX access_records_by_resource_bytes ON access_records (tenant, (resource COLLATE "C"), at_micros);
