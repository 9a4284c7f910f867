-- revision: b
-- revises: r1
-- allow_locking: perhaps
-- +up
SELECT 1;
