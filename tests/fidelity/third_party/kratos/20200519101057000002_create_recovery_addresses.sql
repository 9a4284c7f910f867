-- revision: 20200519101057000002
-- revises: 20200519101057000001
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000002_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE INDEX "identity_recovery_addresses_status_via_idx" ON "identity_recovery_addresses" (via, value);

-- +down sqlite
DROP TABLE "selfservice_recovery_request_methods";

-- +up postgres
CREATE INDEX "identity_recovery_addresses_status_via_idx" ON "identity_recovery_addresses" (via, value);

-- +down postgres
DROP TABLE "selfservice_recovery_request_methods";

-- +up mysql
CREATE INDEX `identity_recovery_addresses_status_via_idx` ON `identity_recovery_addresses` (`via`, `value`);

-- +down mysql
DROP TABLE `selfservice_recovery_request_methods`;
