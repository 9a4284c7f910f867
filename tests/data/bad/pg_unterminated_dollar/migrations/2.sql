-- revision: b
-- revises: r1
-- +up
CREATE FUNCTION f() RETURNS integer AS $body$ SELECT 1;
LANGUAGE sql;
