-- revision: 001
-- revises: base
-- message: a table to alter

-- +up postgres
CREATE TABLE pa_accounts (id integer PRIMARY KEY, email text NOT NULL, legacy text, note text, status varchar(10));
-- +down postgres
DROP TABLE pa_accounts;
