-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-table: trigger

-- +up
DROP TABLE u;
