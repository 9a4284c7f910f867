-- revision: 20191100000012000000
-- revises: 20191100000011000003
-- message: login_request_forced
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000000_login_request_forced.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_login_requests" ADD COLUMN "forced" bool NOT NULL DEFAULT 'false';

-- +down sqlite
ALTER TABLE "_selfservice_login_requests_tmp" RENAME TO "selfservice_login_requests";

-- +up postgres
ALTER TABLE "selfservice_login_requests" ADD COLUMN "forced" bool NOT NULL DEFAULT 'false';

-- +down postgres
ALTER TABLE "selfservice_login_requests" DROP COLUMN "forced";

-- +up mysql
ALTER TABLE `selfservice_login_requests` ADD COLUMN `forced` bool NOT NULL DEFAULT false;

-- +down mysql
ALTER TABLE `selfservice_login_requests` DROP COLUMN `forced`;
