-- revision: 002
-- revises: 001
-- message: objects of those names exist, with other definitions

-- +up postgres
CREATE INDEX IF NOT EXISTS px_t_n ON px_t (a, b);
CREATE TABLE IF NOT EXISTS px_t (x integer);
ALTER TABLE px_t ADD COLUMN IF NOT EXISTS a bigint;
CREATE UNIQUE INDEX IF NOT EXISTS px_t_c ON px_t (c);
-- +down postgres
DROP INDEX IF EXISTS px_t_c;
CREATE INDEX IF NOT EXISTS px_t_n ON px_t (a, b);
