-- revision: 20191100000001000001
-- revises: 20191100000001000000
-- message: identities
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000001000001_identities.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "identity_credential_types" (
"id" TEXT PRIMARY KEY,
"name" TEXT NOT NULL
);

-- +down sqlite
DROP TABLE "identity_credential_types";

-- +up postgres
CREATE TABLE "identity_credential_types" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"name" VARCHAR (32) NOT NULL
);

-- +down postgres
DROP TABLE "identity_credential_types";

-- +up mysql
CREATE TABLE `identity_credential_types` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`name` VARCHAR (32) NOT NULL
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `identity_credential_types`;
