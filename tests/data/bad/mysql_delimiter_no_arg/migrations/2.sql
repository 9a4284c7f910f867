-- revision: b
-- revises: r1
-- +up
DELIMITER
SELECT 1;
