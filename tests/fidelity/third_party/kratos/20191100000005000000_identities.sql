-- revision: 20191100000005000000
-- revises: 20191100000004000000
-- message: identities
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000005000000_identities.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000005000000_identities.mysql.up.sql

-- +up mysql
ALTER TABLE identity_credential_identifiers MODIFY COLUMN identifier VARCHAR(255) BINARY;

-- +down mysql
