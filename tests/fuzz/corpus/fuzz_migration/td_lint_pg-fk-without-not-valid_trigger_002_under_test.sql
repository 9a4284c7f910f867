-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-fk-without-not-valid: trigger

-- +up
ALTER TABLE ONLY t ADD CONSTRAINT t_b_fkey
    FOREIGN KEY (b) REFERENCES u (id);
