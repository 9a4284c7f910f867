-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type.mysql: clean

-- +up
ALTER TABLE t ALTER COLUMN b SET DEFAULT 0, ALGORITHM=INSTANT;
