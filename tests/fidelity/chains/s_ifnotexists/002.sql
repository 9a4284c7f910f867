-- revision: 002
-- revises: 001
-- message: an index of that name exists with other columns

-- +up sqlite
CREATE INDEX IF NOT EXISTS sx_t_n ON sx_t (a, b);
CREATE TABLE IF NOT EXISTS sx_t (x INTEGER);
CREATE INDEX IF NOT EXISTS sx_t_c ON sx_t (c);
-- +down sqlite
DROP INDEX IF EXISTS sx_t_c;
CREATE INDEX IF NOT EXISTS sx_t_n ON sx_t (a, b);
