-- revision: 002_under_test
-- revises: 001_tables
-- message: index-not-online: clean

-- +up
CREATE INDEX CONCURRENTLY t_a ON t USING btree (a);
CREATE TABLE v (id integer PRIMARY KEY, a integer);
-- v is new: nothing waits on it
CREATE INDEX v_a ON v USING btree (a);
