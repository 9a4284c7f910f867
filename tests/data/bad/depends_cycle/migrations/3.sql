-- revision: c
-- revises: b
-- +up
SELECT 1;
