-- revision: b
-- revises: r1
-- +up oracle
SELECT 1;
