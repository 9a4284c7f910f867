-- revision: 20191100000007000000
-- revises: 20191100000006000000
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000000_errors.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_errors" ADD COLUMN "csrf_token" TEXT NOT NULL DEFAULT '';

-- +down sqlite
ALTER TABLE "_selfservice_errors_tmp" RENAME TO "selfservice_errors";

-- +up postgres
ALTER TABLE "selfservice_errors" ADD COLUMN "csrf_token" VARCHAR (255) NOT NULL DEFAULT '';

-- +down postgres
ALTER TABLE "selfservice_errors" DROP COLUMN "csrf_token";

-- +up mysql
ALTER TABLE `selfservice_errors` ADD COLUMN `csrf_token` VARCHAR (255) NOT NULL DEFAULT "";

-- +down mysql
ALTER TABLE `selfservice_errors` DROP COLUMN `csrf_token`;
