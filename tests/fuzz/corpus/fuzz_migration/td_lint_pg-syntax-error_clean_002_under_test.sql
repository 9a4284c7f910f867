-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-syntax-error: clean

-- +up
SELECT count(*) FROM t;
