-- revision: 001
-- revises: base
-- message: a table

-- +up mysql
CREATE TABLE me_t (id char(36) PRIMARY KEY, code varchar(20));
-- +down mysql
DROP TABLE me_t;
