-- revision: 002
-- revises: 001
-- message: ALTER TABLE forms

-- +up postgres
ALTER TABLE pa_accounts ADD COLUMN IF NOT EXISTS balance numeric(12,2) NOT NULL DEFAULT 0;
ALTER TABLE pa_accounts ADD COLUMN IF NOT EXISTS email text;
ALTER TABLE pa_accounts RENAME COLUMN email TO email_address;
ALTER TABLE pa_accounts DROP COLUMN IF EXISTS legacy;
ALTER TABLE pa_accounts DROP COLUMN IF EXISTS never_there;
ALTER TABLE pa_accounts ALTER COLUMN status SET DEFAULT 'new', ALTER COLUMN status SET NOT NULL;
ALTER TABLE pa_accounts ALTER COLUMN note TYPE varchar(200), ADD COLUMN flags integer[];
ALTER TABLE pa_accounts ALTER COLUMN email_address SET STATISTICS 500;
ALTER TABLE IF EXISTS pa_accounts RENAME TO pa_users;
ALTER TABLE IF EXISTS pa_never RENAME TO pa_nothing;
-- +down postgres
ALTER TABLE pa_users RENAME TO pa_accounts;
ALTER TABLE pa_accounts ALTER COLUMN email_address SET STATISTICS -1;
ALTER TABLE pa_accounts DROP COLUMN flags, ALTER COLUMN note TYPE text;
ALTER TABLE pa_accounts ALTER COLUMN status DROP NOT NULL, ALTER COLUMN status DROP DEFAULT;
ALTER TABLE pa_accounts ADD COLUMN legacy text;
ALTER TABLE pa_accounts RENAME COLUMN email_address TO email;
ALTER TABLE pa_accounts DROP COLUMN balance;
