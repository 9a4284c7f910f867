-- revision: b
-- revises: a
-- +up
INSERT INTO a VALUES ('oops);
