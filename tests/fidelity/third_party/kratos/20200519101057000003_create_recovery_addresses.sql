-- revision: 20200519101057000003
-- revises: 20200519101057000002
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000003_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "selfservice_recovery_requests" (
"id" TEXT PRIMARY KEY,
"request_url" TEXT NOT NULL,
"issued_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
"expires_at" DATETIME NOT NULL,
"messages" TEXT,
"active_method" TEXT,
"csrf_token" TEXT NOT NULL,
"state" TEXT NOT NULL,
"recovered_identity_id" char(36),
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
FOREIGN KEY (recovered_identity_id) REFERENCES identities (id) ON DELETE cascade
);

-- +down sqlite
DROP TABLE "identity_recovery_tokens";

-- +up postgres
CREATE TABLE "selfservice_recovery_requests" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"request_url" VARCHAR (2048) NOT NULL,
"issued_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
"expires_at" timestamp NOT NULL,
"messages" jsonb,
"active_method" VARCHAR (32),
"csrf_token" VARCHAR (255) NOT NULL,
"state" VARCHAR (32) NOT NULL,
"recovered_identity_id" UUID,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL,
FOREIGN KEY ("recovered_identity_id") REFERENCES "identities" ("id") ON DELETE cascade
);

-- +down postgres
DROP TABLE "identity_recovery_tokens";

-- +up mysql
CREATE TABLE `selfservice_recovery_requests` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`request_url` VARCHAR (2048) NOT NULL,
`issued_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
`expires_at` DATETIME NOT NULL,
`messages` JSON,
`active_method` VARCHAR (32),
`csrf_token` VARCHAR (255) NOT NULL,
`state` VARCHAR (32) NOT NULL,
`recovered_identity_id` char(36),
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL,
FOREIGN KEY (`recovered_identity_id`) REFERENCES `identities` (`id`) ON DELETE cascade
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `identity_recovery_tokens`;
