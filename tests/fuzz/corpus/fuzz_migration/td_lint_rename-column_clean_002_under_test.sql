-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-column: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY, a integer);
ALTER TABLE v RENAME COLUMN a TO title;
