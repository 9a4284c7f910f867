-- revision: 002
-- revises: 001
-- message: ALTER TABLE forms

-- +up mysql
ALTER TABLE ma_accounts ADD COLUMN IF NOT EXISTS balance decimal(12,2) NOT NULL DEFAULT 0;
ALTER TABLE ma_accounts ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE ma_accounts ADD COLUMN first_col int FIRST;
ALTER TABLE ma_accounts ADD COLUMN after_email int AFTER email;
ALTER TABLE ma_accounts RENAME COLUMN email TO email_address;
ALTER TABLE ma_accounts DROP COLUMN IF EXISTS legacy;
ALTER TABLE ma_accounts DROP COLUMN IF EXISTS never_there;
ALTER TABLE ma_accounts MODIFY status varchar(10) NOT NULL DEFAULT 'new', MODIFY note varchar(200);
ALTER TABLE ma_accounts ALTER status SET DEFAULT 'fresh';
ALTER TABLE ma_accounts RENAME TO ma_users;
-- +down mysql
ALTER TABLE ma_users RENAME TO ma_accounts;
ALTER TABLE ma_accounts MODIFY status varchar(10), MODIFY note text;
ALTER TABLE ma_accounts ADD COLUMN legacy text AFTER email_address;
ALTER TABLE ma_accounts RENAME COLUMN email_address TO email;
ALTER TABLE ma_accounts DROP COLUMN after_email;
ALTER TABLE ma_accounts DROP COLUMN first_col;
ALTER TABLE ma_accounts DROP COLUMN balance;
