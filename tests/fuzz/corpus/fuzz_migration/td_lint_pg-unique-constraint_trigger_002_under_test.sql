-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-unique-constraint: trigger

-- +up
ALTER TABLE ONLY t ADD CONSTRAINT t_a_key UNIQUE (a);
