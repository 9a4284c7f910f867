-- revision: a1
-- +up
SELECT 1;
