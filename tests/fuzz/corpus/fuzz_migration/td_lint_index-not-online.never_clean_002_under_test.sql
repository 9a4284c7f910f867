-- revision: 002_under_test
-- revises: 001_tables
-- message: index-not-online.never: clean

-- +up
CREATE INDEX CONCURRENTLY t_a ON t (a);
CREATE TABLE v (id integer PRIMARY KEY, a integer);
CREATE INDEX v_a ON v (a);
