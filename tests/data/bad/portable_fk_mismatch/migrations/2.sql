-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (a integer, b integer,
  FOREIGN KEY (a, b) REFERENCES a (id));
