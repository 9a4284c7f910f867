-- revision: 20200401183443000000
-- revises: 20200317160354000010
-- message: continuity_containers
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200401183443000000_continuity_containers.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "continuity_containers" (
"id" TEXT PRIMARY KEY,
"identity_id" char(36),
"name" TEXT NOT NULL,
"payload" TEXT,
"expires_at" DATETIME NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE cascade
);

-- +down sqlite
DROP TABLE "continuity_containers";

-- +up postgres
CREATE TABLE "continuity_containers" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"identity_id" UUID,
"name" VARCHAR (255) NOT NULL,
"payload" jsonb,
"expires_at" timestamp NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL,
FOREIGN KEY ("identity_id") REFERENCES "identities" ("id") ON DELETE cascade
);

-- +down postgres
DROP TABLE "continuity_containers";

-- +up mysql
CREATE TABLE `continuity_containers` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`identity_id` char(36),
`name` VARCHAR (255) NOT NULL,
`payload` JSON,
`expires_at` DATETIME NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL,
FOREIGN KEY (`identity_id`) REFERENCES `identities` (`id`) ON DELETE cascade
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `continuity_containers`;
