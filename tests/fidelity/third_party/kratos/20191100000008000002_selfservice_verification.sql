-- revision: 20191100000008000002
-- revises: 20191100000008000001
-- message: selfservice_verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000002_selfservice_verification.sqlite3.up.sql

-- +up sqlite
CREATE INDEX "identity_verifiable_addresses_code_idx" ON "identity_verifiable_addresses" (code);

-- +down sqlite


-- +up postgres
CREATE INDEX "identity_verifiable_addresses_code_idx" ON "identity_verifiable_addresses" (code);

-- +down postgres


-- +up mysql
CREATE INDEX `identity_verifiable_addresses_code_idx` ON `identity_verifiable_addresses` (`code`);

-- +down mysql
