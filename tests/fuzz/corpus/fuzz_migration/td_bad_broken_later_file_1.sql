-- revision: a
-- +up
CREATE TABLE a (x integer);
