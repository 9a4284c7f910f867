-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (id integer,
  x text;
