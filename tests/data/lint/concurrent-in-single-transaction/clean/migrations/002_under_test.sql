-- revision: 002_under_test
-- revises: 001_tables
-- message: concurrent-in-single-transaction: clean

-- +up
CREATE INDEX CONCURRENTLY t_a ON t USING btree (a);
