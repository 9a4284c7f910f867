-- revision: abc2
-- revises: abc1
-- +up
SELECT 1;
