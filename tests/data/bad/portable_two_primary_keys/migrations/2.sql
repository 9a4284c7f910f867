-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (a integer PRIMARY KEY, b integer PRIMARY KEY);
