-- revision: 002
-- revises: 001
-- message: objects of those names exist, with other definitions

-- +up mysql
CREATE INDEX IF NOT EXISTS mx_t_n ON mx_t (a, b);
CREATE TABLE IF NOT EXISTS mx_t (x int);
ALTER TABLE mx_t ADD COLUMN IF NOT EXISTS a bigint;
CREATE UNIQUE INDEX IF NOT EXISTS mx_t_c ON mx_t (c);
-- +down mysql
DROP INDEX IF EXISTS mx_t_c ON mx_t;
CREATE INDEX IF NOT EXISTS mx_t_n ON mx_t (a, b);
