-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-table.raw: clean

-- +up
CREATE UNLOGGED TABLE scratch (id integer);
DROP TABLE scratch CASCADE;
