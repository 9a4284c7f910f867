-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-table.mysql: trigger

-- +up
RENAME TABLE t TO things;
