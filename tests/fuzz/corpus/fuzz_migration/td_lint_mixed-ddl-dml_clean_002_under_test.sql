-- revision: 002_under_test
-- revises: 001_tables
-- message: mixed-ddl-dml: clean

-- +up
ALTER TABLE t ADD COLUMN c integer;
