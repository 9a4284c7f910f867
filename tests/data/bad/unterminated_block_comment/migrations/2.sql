-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (x integer);
/* never closed
CREATE TABLE u (x integer);
