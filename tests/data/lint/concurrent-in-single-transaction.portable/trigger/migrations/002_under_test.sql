-- revision: 002_under_test
-- revises: 001_tables
-- message: concurrent-in-single-transaction.portable: trigger

-- +up
CREATE INDEX t_a ON t (a);
