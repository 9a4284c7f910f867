-- revision: bad id!
-- revises: r1
-- +up
SELECT 1;
