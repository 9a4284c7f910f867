-- revision: 002
-- revises: 001
-- message: add, rename, drop columns; rename the table

-- +up sqlite
ALTER TABLE sa_accounts ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE sa_accounts ADD COLUMN balance NUMERIC(12,2);
ALTER TABLE sa_accounts RENAME COLUMN email TO email_address;
ALTER TABLE sa_accounts DROP COLUMN legacy;
ALTER TABLE sa_accounts RENAME TO sa_users;
-- +down sqlite
ALTER TABLE sa_users RENAME TO sa_accounts;
ALTER TABLE sa_accounts ADD COLUMN legacy TEXT;
ALTER TABLE sa_accounts RENAME COLUMN email_address TO email;
ALTER TABLE sa_accounts DROP COLUMN balance;
ALTER TABLE sa_accounts DROP COLUMN status;
