-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-unique-constraint.portable: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY, a integer);
ALTER TABLE v ADD CONSTRAINT v_a_key UNIQUE (a);
