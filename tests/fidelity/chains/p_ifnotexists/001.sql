-- revision: 001
-- revises: base
-- message: IF NOT EXISTS decided by the name

-- +up postgres
CREATE TABLE px_t (a integer, b text, c text);
CREATE INDEX px_t_n ON px_t (a);
-- +down postgres
DROP TABLE IF EXISTS px_t;
