-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-unique-constraint.portable: trigger

-- +up
ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);
