-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-check-without-not-valid: clean

-- +up
ALTER TABLE ONLY t ADD CONSTRAINT t_b_check CHECK (b > 0) NOT VALID;
ALTER TABLE ONLY t VALIDATE CONSTRAINT t_b_check;
