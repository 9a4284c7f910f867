-- revision: 003
-- revises: 002
-- message: the rebuild SQLite's documentation describes, by hand

-- +up sqlite
CREATE TABLE sa_users_new (id INTEGER PRIMARY KEY, email_address TEXT NOT NULL UNIQUE, note TEXT, status VARCHAR(16) NOT NULL DEFAULT 'active', balance NUMERIC(12,2) CHECK (balance >= 0));
INSERT INTO sa_users_new (id, email_address, note, status, balance) SELECT id, email_address, note, status, balance FROM sa_users;
DROP TABLE sa_users;
ALTER TABLE sa_users_new RENAME TO sa_users;
CREATE INDEX sa_users_status ON sa_users (status);
-- +down sqlite
CREATE TABLE sa_users_old (id INTEGER PRIMARY KEY, email_address TEXT NOT NULL, note TEXT, status VARCHAR(16) NOT NULL DEFAULT 'active', balance NUMERIC(12,2));
INSERT INTO sa_users_old SELECT id, email_address, note, status, balance FROM sa_users;
DROP TABLE sa_users;
ALTER TABLE sa_users_old RENAME TO sa_users;
CREATE INDEX sa_accounts_email ON sa_users (email_address);
