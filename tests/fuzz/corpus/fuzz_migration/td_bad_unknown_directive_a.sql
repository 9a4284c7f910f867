-- revision: a
-- +up
CREATE TABLE a (x integer);
-- +dwon
DROP TABLE a;
