-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-table: clean

-- +up
CREATE TABLE scratch (id integer PRIMARY KEY);
DROP TABLE scratch;
