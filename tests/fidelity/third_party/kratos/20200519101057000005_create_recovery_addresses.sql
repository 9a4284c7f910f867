-- revision: 20200519101057000005
-- revises: 20200519101057000004
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000005_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "identity_recovery_tokens" (
"id" TEXT PRIMARY KEY,
"token" TEXT NOT NULL,
"used" bool NOT NULL DEFAULT 'false',
"used_at" DATETIME,
"identity_recovery_address_id" char(36) NOT NULL,
"selfservice_recovery_request_id" char(36) NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
FOREIGN KEY (identity_recovery_address_id) REFERENCES identity_recovery_addresses (id) ON DELETE cascade,
FOREIGN KEY (selfservice_recovery_request_id) REFERENCES selfservice_recovery_requests (id) ON DELETE cascade
);

-- +down sqlite


-- +up postgres
CREATE TABLE "identity_recovery_tokens" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"token" VARCHAR (64) NOT NULL,
"used" bool NOT NULL DEFAULT 'false',
"used_at" timestamp,
"identity_recovery_address_id" UUID NOT NULL,
"selfservice_recovery_request_id" UUID NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL,
FOREIGN KEY ("identity_recovery_address_id") REFERENCES "identity_recovery_addresses" ("id") ON DELETE cascade,
FOREIGN KEY ("selfservice_recovery_request_id") REFERENCES "selfservice_recovery_requests" ("id") ON DELETE cascade
);

-- +down postgres


-- +up mysql
CREATE TABLE `identity_recovery_tokens` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`token` VARCHAR (64) NOT NULL,
`used` bool NOT NULL DEFAULT false,
`used_at` DATETIME,
`identity_recovery_address_id` char(36) NOT NULL,
`selfservice_recovery_request_id` char(36) NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL,
FOREIGN KEY (`identity_recovery_address_id`) REFERENCES `identity_recovery_addresses` (`id`) ON DELETE cascade,
FOREIGN KEY (`selfservice_recovery_request_id`) REFERENCES `selfservice_recovery_requests` (`id`) ON DELETE cascade
) ENGINE=InnoDB;

-- +down mysql
