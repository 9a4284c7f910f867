-- revision: 20191100000005000001
-- revises: 20191100000005000000
-- message: identities
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000005000001_identities.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000005000001_identities.mysql.up.sql

-- +up mysql


-- +down mysql
ALTER TABLE identity_credential_identifiers MODIFY COLUMN identifier VARCHAR(255);
