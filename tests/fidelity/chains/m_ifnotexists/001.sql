-- revision: 001
-- revises: base
-- message: IF NOT EXISTS decided by the name

-- +up mysql
CREATE TABLE mx_t (a int, b varchar(10), c varchar(10));
CREATE INDEX mx_t_n ON mx_t (a);
-- +down mysql
DROP TABLE IF EXISTS mx_t;
