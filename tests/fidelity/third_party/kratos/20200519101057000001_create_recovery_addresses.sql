-- revision: 20200519101057000001
-- revises: 20200519101057000000
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000001_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE UNIQUE INDEX "identity_recovery_addresses_status_via_uq_idx" ON "identity_recovery_addresses" (via, value);

-- +down sqlite
DROP TABLE "selfservice_recovery_requests";

-- +up postgres
CREATE UNIQUE INDEX "identity_recovery_addresses_status_via_uq_idx" ON "identity_recovery_addresses" (via, value);

-- +down postgres
DROP TABLE "selfservice_recovery_requests";

-- +up mysql
CREATE UNIQUE INDEX `identity_recovery_addresses_status_via_uq_idx` ON `identity_recovery_addresses` (`via`, `value`);

-- +down mysql
DROP TABLE `selfservice_recovery_requests`;
