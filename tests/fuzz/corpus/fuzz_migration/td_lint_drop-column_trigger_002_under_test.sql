-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-column: trigger

-- +up
ALTER TABLE t DROP COLUMN b;
