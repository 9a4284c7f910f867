-- revision: 002_under_test
-- revises: 001_tables
-- message: identifier-too-long: trigger

-- +up
ALTER TABLE t ADD COLUMN verification_code_verification_code_verification_code_verification_code_abc_and_more integer;
