-- revision: 001
-- revises: base
-- message: a table to alter

-- +up mysql
CREATE TABLE ma_accounts (id int PRIMARY KEY, email varchar(100) NOT NULL, legacy text, note text, status varchar(10));
-- +down mysql
DROP TABLE ma_accounts;
