-- revision: 002_under_test
-- revises: 001_tables
-- message: drop-column: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY, b integer);
ALTER TABLE v DROP COLUMN b;
