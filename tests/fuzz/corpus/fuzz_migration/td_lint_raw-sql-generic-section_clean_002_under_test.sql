-- revision: 002_under_test
-- revises: 001_tables
-- message: raw-sql-generic-section: clean

-- +up postgres, mysql, sqlite
INSERT INTO t (id, a) VALUES (1, 'x');
-- +down postgres, mysql, sqlite
DELETE FROM t WHERE id = 1;
