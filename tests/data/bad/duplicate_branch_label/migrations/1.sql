-- revision: r1
-- branch: main
-- +up
CREATE TABLE a (id integer);
