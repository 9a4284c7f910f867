-- revision: b
-- revises: nope
-- +up
CREATE TABLE b (x integer);
