-- revision: b
-- revises: r1
-- transaction: maybe
-- +up
SELECT 1;
