-- revision: b
-- revises: r1
-- depends: nope
-- +up
SELECT 1;
