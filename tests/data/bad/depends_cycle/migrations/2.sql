-- revision: b
-- revises: r1
-- depends: c
-- +up
SELECT 1;
