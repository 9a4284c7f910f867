-- revises: r1
-- +up
CREATE TABLE t (x integer);
