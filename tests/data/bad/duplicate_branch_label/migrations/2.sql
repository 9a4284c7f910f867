-- revision: b
-- revises: r1
-- branch: main
-- +up
SELECT 1;
