-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-unique-constraint: clean

-- +up
CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t USING btree (a);
ALTER TABLE ONLY t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key;
