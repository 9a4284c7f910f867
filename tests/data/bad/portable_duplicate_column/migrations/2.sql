-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (x integer, y text, x integer);
