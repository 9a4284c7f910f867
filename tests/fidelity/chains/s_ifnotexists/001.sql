-- revision: 001
-- revises: base
-- message: IF NOT EXISTS decided by the name

-- +up sqlite
CREATE TABLE sx_t (a INTEGER, b TEXT, c TEXT);
CREATE INDEX sx_t_n ON sx_t (a);
-- +down sqlite
DROP TABLE IF EXISTS sx_t;
