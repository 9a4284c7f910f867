-- revision: b
-- revises: a
-- +up
SELECT 1;
