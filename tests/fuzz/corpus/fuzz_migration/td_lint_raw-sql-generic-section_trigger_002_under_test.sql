-- revision: 002_under_test
-- revises: 001_tables
-- message: raw-sql-generic-section: trigger

-- +up
INSERT INTO t (id, a) VALUES (1, 'x');
