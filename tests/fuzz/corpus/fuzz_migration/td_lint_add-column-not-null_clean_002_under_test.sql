-- revision: 002_under_test
-- revises: 001_tables
-- message: add-column-not-null: clean

-- +up
ALTER TABLE t ADD COLUMN c integer NOT NULL DEFAULT 0;
CREATE TABLE v (id integer PRIMARY KEY);
ALTER TABLE v ADD COLUMN c integer NOT NULL;
