-- revision: 20191100000001000002
-- revises: 20191100000001000001
-- message: identities
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000002_identities.sqlite3.up.sql

-- +up sqlite
CREATE UNIQUE INDEX "identity_credential_types_name_idx" ON "identity_credential_types" (name);

-- +down sqlite
DROP TABLE "identity_credentials";

-- +up postgres
CREATE UNIQUE INDEX "identity_credential_types_name_idx" ON "identity_credential_types" (name);

-- +down postgres
DROP TABLE "identity_credentials";

-- +up mysql
CREATE UNIQUE INDEX `identity_credential_types_name_idx` ON `identity_credential_types` (`name`);

-- +down mysql
DROP TABLE `identity_credentials`;
