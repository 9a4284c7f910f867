-- revision: b
-- revises: r1
-- +up
SELECT 2;
