-- revision: b
-- revises: r1
-- +up
CREATE TABLE t (x text);
INSERT INTO t VALUES ('a');
INSERT INTO t VALUES ('b);
