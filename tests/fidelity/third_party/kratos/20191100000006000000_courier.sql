-- revision: 20191100000006000000
-- revises: 20191100000005000001
-- message: courier
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000006000000_courier.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "courier_messages" (
"id" TEXT PRIMARY KEY,
"type" INTEGER NOT NULL,
"status" INTEGER NOT NULL,
"body" TEXT NOT NULL,
"subject" TEXT NOT NULL,
"recipient" TEXT NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL
);

-- +down sqlite
DROP TABLE "courier_messages";

-- +up postgres
CREATE TABLE "courier_messages" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"type" int NOT NULL,
"status" int NOT NULL,
"body" VARCHAR (255) NOT NULL,
"subject" VARCHAR (255) NOT NULL,
"recipient" VARCHAR (255) NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);

-- +down postgres
DROP TABLE "courier_messages";

-- +up mysql
CREATE TABLE `courier_messages` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`type` INTEGER NOT NULL,
`status` INTEGER NOT NULL,
`body` VARCHAR (255) NOT NULL,
`subject` VARCHAR (255) NOT NULL,
`recipient` VARCHAR (255) NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL
) ENGINE=InnoDB;

-- +down mysql
DROP TABLE `courier_messages`;
