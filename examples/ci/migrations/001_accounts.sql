-- revision: 001_accounts
-- message: accounts, one per e-mail address

-- +up
CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email varchar(200) NOT NULL,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);

-- +verify
SELECT count(*) = 0 FROM accounts;
