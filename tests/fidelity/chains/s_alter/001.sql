-- revision: 001
-- revises: base
-- message: a table to alter

-- +up sqlite
CREATE TABLE sa_accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, legacy TEXT, note TEXT);
CREATE INDEX sa_accounts_email ON sa_accounts (email);
-- +down sqlite
DROP TABLE sa_accounts;
