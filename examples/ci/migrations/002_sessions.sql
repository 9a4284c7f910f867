-- revision: 002_sessions
-- revises: 001_accounts
-- message: sessions, looked up by account

-- +up
CREATE TABLE sessions (
    id integer PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (id),
    expires_at timestamp NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- +down
DROP INDEX sessions_account;
DROP TABLE sessions;

-- +verify
SELECT count(*) = 0 FROM sessions WHERE expires_at IS NULL;
