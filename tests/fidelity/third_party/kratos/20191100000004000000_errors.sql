-- revision: 20191100000004000000
-- revises: 20191100000003000000
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000004000000_errors.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "selfservice_errors" (
"id" TEXT PRIMARY KEY,
"errors" TEXT NOT NULL,
"seen_at" DATETIME NOT NULL,
"was_seen" bool NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL
);

-- +down sqlite
DROP TABLE "selfservice_errors";

-- +up postgres
CREATE TABLE "selfservice_errors" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"errors" jsonb NOT NULL,
"seen_at" timestamp NOT NULL,
"was_seen" bool NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);

-- +down postgres
DROP TABLE "selfservice_errors";

-- +up mysql
CREATE TABLE `selfservice_errors` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`errors` JSON NOT NULL,
`seen_at` DATETIME NOT NULL,
`was_seen` bool NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `selfservice_errors`;
