-- revision: a
-- +up
CREATE TABLE a (x integer);
COMMIT;
CREATE TABLE b (x integer);
