-- revision: a
-- +up
CREATE TABLE a (x integer);
INSERT INTO a VALUES ('x);
