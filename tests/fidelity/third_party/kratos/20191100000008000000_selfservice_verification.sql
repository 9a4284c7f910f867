-- revision: 20191100000008000000
-- revises: 20191100000007000003
-- message: selfservice_verification
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000008000000_selfservice_verification.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "identity_verifiable_addresses" (
"id" TEXT PRIMARY KEY,
"code" TEXT NOT NULL,
"status" TEXT NOT NULL,
"via" TEXT NOT NULL,
"verified" bool NOT NULL,
"value" TEXT NOT NULL,
"verified_at" DATETIME,
"expires_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
"identity_id" char(36) NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE cascade
);

-- +down sqlite
DROP TABLE "identity_verifiable_addresses";

-- +up postgres
CREATE TABLE "identity_verifiable_addresses" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"code" VARCHAR (32) NOT NULL,
"status" VARCHAR (16) NOT NULL,
"via" VARCHAR (16) NOT NULL,
"verified" bool NOT NULL,
"value" VARCHAR (400) NOT NULL,
"verified_at" timestamp,
"expires_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
"identity_id" UUID NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL,
FOREIGN KEY ("identity_id") REFERENCES "identities" ("id") ON DELETE cascade
);

-- +down postgres
DROP TABLE "identity_verifiable_addresses";

-- +up mysql
CREATE TABLE `identity_verifiable_addresses` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`code` VARCHAR (32) NOT NULL,
`status` VARCHAR (16) NOT NULL,
`via` VARCHAR (16) NOT NULL,
`verified` bool NOT NULL,
`value` VARCHAR (400) NOT NULL,
`verified_at` DATETIME,
`expires_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
`identity_id` char(36) NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL,
FOREIGN KEY (`identity_id`) REFERENCES `identities` (`id`) ON DELETE cascade
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `identity_verifiable_addresses`;
