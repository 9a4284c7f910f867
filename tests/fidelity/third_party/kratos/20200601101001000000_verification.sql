-- revision: 20200601101001000000
-- revises: 20200601101000000003
-- message: verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101001000000_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101001000000_verification.mysql.up.sql

-- +up mysql
ALTER TABLE identity_verifiable_addresses MODIFY COLUMN code VARCHAR(32) BINARY;

-- +down mysql
