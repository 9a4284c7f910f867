-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-table: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY);
ALTER TABLE v RENAME TO things;
ALTER TABLE things ADD COLUMN n integer NOT NULL;
