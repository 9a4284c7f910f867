-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (CHECK (1 < 2));
