-- revision: a
-- revisses: base
-- +up
SELECT 1;
