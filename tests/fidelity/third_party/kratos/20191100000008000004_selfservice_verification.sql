-- revision: 20191100000008000004
-- revises: 20191100000008000003
-- message: selfservice_verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000004_selfservice_verification.sqlite3.up.sql

-- +up sqlite
CREATE INDEX "identity_verifiable_addresses_status_via_idx" ON "identity_verifiable_addresses" (via, value);

-- +down sqlite


-- +up postgres
CREATE INDEX "identity_verifiable_addresses_status_via_idx" ON "identity_verifiable_addresses" (via, value);

-- +down postgres


-- +up mysql
CREATE INDEX `identity_verifiable_addresses_status_via_idx` ON `identity_verifiable_addresses` (`via`, `value`);

-- +down mysql
