-- revision: 002_under_test
-- revises: 001_tables
-- message: add-column-not-null.mysql: trigger

-- +up
ALTER TABLE t ADD COLUMN c integer NOT NULL, ALGORITHM=INSTANT;
