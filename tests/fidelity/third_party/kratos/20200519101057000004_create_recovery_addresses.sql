-- revision: 20200519101057000004
-- revises: 20200519101057000003
-- message: create_recovery_addresses
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200519101057000004_create_recovery_addresses.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "selfservice_recovery_request_methods" (
"id" TEXT PRIMARY KEY,
"method" TEXT NOT NULL,
"config" TEXT NOT NULL,
"selfservice_recovery_request_id" char(36) NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
FOREIGN KEY (selfservice_recovery_request_id) REFERENCES selfservice_recovery_requests (id) ON DELETE cascade
);

-- +down sqlite


-- +up postgres
CREATE TABLE "selfservice_recovery_request_methods" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"method" VARCHAR (32) NOT NULL,
"config" jsonb NOT NULL,
"selfservice_recovery_request_id" UUID NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL,
FOREIGN KEY ("selfservice_recovery_request_id") REFERENCES "selfservice_recovery_requests" ("id") ON DELETE cascade
);

-- +down postgres


-- +up mysql
CREATE TABLE `selfservice_recovery_request_methods` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`method` VARCHAR (32) NOT NULL,
`config` JSON NOT NULL,
`selfservice_recovery_request_id` char(36) NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL,
FOREIGN KEY (`selfservice_recovery_request_id`) REFERENCES `selfservice_recovery_requests` (`id`) ON DELETE cascade
) ENGINE=InnoDB;

-- +down mysql
