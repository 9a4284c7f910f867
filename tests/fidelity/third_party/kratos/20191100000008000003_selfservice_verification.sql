-- revision: 20191100000008000003
-- revises: 20191100000008000002
-- message: selfservice_verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000003_selfservice_verification.sqlite3.up.sql

-- +up sqlite
CREATE UNIQUE INDEX "identity_verifiable_addresses_status_via_uq_idx" ON "identity_verifiable_addresses" (via, value);

-- +down sqlite


-- +up postgres
CREATE UNIQUE INDEX "identity_verifiable_addresses_status_via_uq_idx" ON "identity_verifiable_addresses" (via, value);

-- +down postgres


-- +up mysql
CREATE UNIQUE INDEX `identity_verifiable_addresses_status_via_uq_idx` ON `identity_verifiable_addresses` (`via`, `value`);

-- +down mysql
