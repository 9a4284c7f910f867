-- revision: 20150100000001000000
-- revises: base
-- message: networks
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20150100000001000000_networks.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "networks" (
"id" TEXT PRIMARY KEY,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL
);

-- +down sqlite
DROP TABLE "networks";

-- +up postgres
CREATE TABLE "networks" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);

-- +down postgres
DROP TABLE "networks";

-- +up mysql
CREATE TABLE `networks` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `networks`;
