-- revision: 20191100000011000000
-- revises: 20191100000010000004
-- message: courier_body_type
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000000_courier_body_type.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "_courier_messages_tmp" (
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


-- +up postgres
ALTER TABLE "courier_messages" ALTER COLUMN "body" TYPE text, ALTER COLUMN "body" SET NOT NULL;

-- +down postgres


-- +up mysql
ALTER TABLE `courier_messages` MODIFY `body` text NOT NULL;

-- +down mysql
