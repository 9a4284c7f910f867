-- revision: 20191100000008000001
-- revises: 20191100000008000000
-- message: selfservice_verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000001_selfservice_verification.sqlite3.up.sql

-- +up sqlite
CREATE UNIQUE INDEX "identity_verifiable_addresses_code_uq_idx" ON "identity_verifiable_addresses" (code);

-- +down sqlite
DROP TABLE "selfservice_verification_requests";

-- +up postgres
CREATE UNIQUE INDEX "identity_verifiable_addresses_code_uq_idx" ON "identity_verifiable_addresses" (code);

-- +down postgres
DROP TABLE "selfservice_verification_requests";

-- +up mysql
CREATE UNIQUE INDEX `identity_verifiable_addresses_code_uq_idx` ON `identity_verifiable_addresses` (`code`);

-- +down mysql
DROP TABLE `selfservice_verification_requests`;
