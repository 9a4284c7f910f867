-- revision: 20191100000010000000
-- revises: 20191100000009000001
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000000_errors.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "_selfservice_errors_tmp" (
"id" TEXT PRIMARY KEY,
"errors" TEXT NOT NULL,
"seen_at" DATETIME,
"was_seen" bool NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
"csrf_token" TEXT NOT NULL DEFAULT ''
);

-- +down sqlite
ALTER TABLE "_selfservice_errors_tmp" RENAME TO "selfservice_errors";

-- +up postgres
ALTER TABLE "selfservice_errors" ALTER COLUMN "seen_at" TYPE timestamp, ALTER COLUMN "seen_at" DROP NOT NULL;

-- +down postgres
ALTER TABLE "selfservice_errors" ALTER COLUMN "seen_at" TYPE timestamp, ALTER COLUMN "seen_at" DROP NOT NULL;

-- +up mysql
ALTER TABLE `selfservice_errors` MODIFY `seen_at` DATETIME;

-- +down mysql
ALTER TABLE `selfservice_errors` MODIFY `seen_at` DATETIME;
