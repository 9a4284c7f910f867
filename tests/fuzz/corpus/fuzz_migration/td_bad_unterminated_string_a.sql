-- revision: a
-- +up
CREATE TABLE a (x text);
INSERT INTO a VALUES ('it''s');
INSERT INTO a VALUES ('oops);
