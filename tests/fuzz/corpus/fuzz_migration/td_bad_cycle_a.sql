-- revision: a
-- revises: c
-- +up
SELECT 1;
