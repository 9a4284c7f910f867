-- revision: 20200519101058000000
-- revises: 20200519101057000007
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101058000000_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101058000000_create_recovery_addresses.mysql.up.sql

-- +up mysql
ALTER TABLE identity_recovery_tokens MODIFY COLUMN token VARCHAR(64) BINARY;

-- +down mysql
