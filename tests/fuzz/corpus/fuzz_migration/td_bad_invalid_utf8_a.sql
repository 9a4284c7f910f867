-- revision: a
-- message: café
-- +up
SELECT 1;
