-- revision: 002
-- revises: 001
-- message: add, rename, drop

-- +up
ALTER TABLE ga_accounts ADD COLUMN status varchar(16) NOT NULL DEFAULT 'active';
ALTER TABLE ga_accounts ADD COLUMN balance numeric(12,2);
ALTER TABLE ga_accounts RENAME COLUMN note TO remark;
ALTER TABLE ga_accounts DROP COLUMN legacy;
ALTER TABLE ga_accounts RENAME TO ga_users;
-- +down
ALTER TABLE ga_users RENAME TO ga_accounts;
ALTER TABLE ga_accounts ADD COLUMN legacy varchar(10);
ALTER TABLE ga_accounts RENAME COLUMN remark TO note;
ALTER TABLE ga_accounts DROP COLUMN balance;
ALTER TABLE ga_accounts DROP COLUMN status;
