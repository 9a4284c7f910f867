-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type: trigger

-- +up
ALTER TABLE t ALTER COLUMN b TYPE bigint;
