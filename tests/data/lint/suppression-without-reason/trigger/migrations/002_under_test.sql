-- revision: 002_under_test
-- revises: 001_tables
-- message: suppression-without-reason: trigger

-- +up
-- strata:allow drop-column
ALTER TABLE t DROP COLUMN b;
