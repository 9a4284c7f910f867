-- revision: b
-- revises: r1
-- +up
CREATE PROCEDURE p() BEGIN SELECT 1;
