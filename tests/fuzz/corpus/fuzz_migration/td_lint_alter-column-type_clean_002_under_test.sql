-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY, b integer);
ALTER TABLE v ALTER COLUMN b TYPE bigint;
