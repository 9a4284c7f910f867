-- revision: 002_under_test
-- revises: 001_tables
-- message: add-column-not-null.mysql: clean

-- +up
ALTER TABLE t ADD COLUMN c integer NOT NULL DEFAULT 0, ALGORITHM=INSTANT;
