-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-column: trigger

-- +up
ALTER TABLE t RENAME COLUMN a TO title;
