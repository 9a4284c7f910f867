-- revision: 20191100000009000001
-- revises: 20191100000009000000
-- message: verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000009000001_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000009000001_verification.mysql.up.sql

-- +up mysql


-- +down mysql
ALTER TABLE identity_verifiable_addresses MODIFY COLUMN code VARCHAR(255);
