-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-table.raw: trigger

-- +up
DROP TABLE IF EXISTS u CASCADE;
