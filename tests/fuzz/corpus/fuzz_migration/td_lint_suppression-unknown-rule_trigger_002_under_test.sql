-- revision: 002_under_test
-- revises: 001_tables
-- message: suppression-unknown-rule: trigger

-- +up
-- strata:allow drop-colum a typo names no rule
ALTER TABLE t ADD COLUMN c integer;
