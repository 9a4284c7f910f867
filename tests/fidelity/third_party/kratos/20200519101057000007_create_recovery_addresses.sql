-- revision: 20200519101057000007
-- revises: 20200519101057000006
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000007_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE INDEX "identity_recovery_addresses_code_idx" ON "identity_recovery_tokens" (token);

-- +down sqlite


-- +up postgres
CREATE INDEX "identity_recovery_addresses_code_idx" ON "identity_recovery_tokens" (token);

-- +down postgres


-- +up mysql
CREATE INDEX `identity_recovery_addresses_code_idx` ON `identity_recovery_tokens` (`token`);

-- +down mysql
