-- revision: c
-- revises: r1
-- +up
SELECT 1;
