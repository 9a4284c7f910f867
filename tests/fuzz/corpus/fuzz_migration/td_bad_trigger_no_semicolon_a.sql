-- revision: a
-- +up
CREATE TABLE a (x integer);
CREATE TRIGGER a_ai AFTER INSERT ON a BEGIN SELECT 1
