-- +up
CREATE TABLE t (x integer);
-- revision: b
-- revises: r1
