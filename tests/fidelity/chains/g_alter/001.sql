-- revision: 001
-- revises: base
-- message: a table to alter

-- +up
CREATE TABLE ga_accounts (id integer PRIMARY KEY, email varchar(100) NOT NULL, legacy varchar(10), note varchar(200));
CREATE INDEX ga_accounts_email ON ga_accounts (email);
-- +down
DROP TABLE ga_accounts;
