-- revision: b
-- revises: b
-- +up
SELECT 1;
