-- revision: r1
-- +up
CREATE TABLE a (id integer);
-- +down
DROP TABLE a;
