-- revision: 002_under_test
-- revises: 001_tables
-- message: suppression-without-reason: clean

-- +up
-- strata:allow drop-column b moved to a table of its own
ALTER TABLE t DROP COLUMN b;
