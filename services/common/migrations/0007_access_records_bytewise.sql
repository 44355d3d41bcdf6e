-- SQLite compares text byte by byte: access_records_by_resource already serves the range a
-- child's access records are read as. Nothing to change (the PostgreSQL file adds an index).
SELECT 1;
