-- revision:
-- +up
SELECT 1;
