-- revision: 002_under_test
-- revises: 001_tables
-- message: pg-syntax-error: trigger

-- +up
SELEC count(*) FROM t;
