-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-table: trigger

-- +up
ALTER TABLE t RENAME TO things;
