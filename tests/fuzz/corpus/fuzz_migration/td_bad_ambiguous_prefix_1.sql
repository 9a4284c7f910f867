-- revision: abc1
-- +up
SELECT 1;
