-- revision: 002_under_test
-- revises: 001_tables
-- message: concurrent-in-single-transaction.portable: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY, a integer);
CREATE INDEX v_a ON v (a);
