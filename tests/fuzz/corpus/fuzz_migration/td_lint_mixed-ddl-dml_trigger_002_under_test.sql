-- revision: 002_under_test
-- revises: 001_tables
-- message: mixed-ddl-dml: trigger

-- +up
ALTER TABLE t ADD COLUMN c integer;
UPDATE t SET c = b;
