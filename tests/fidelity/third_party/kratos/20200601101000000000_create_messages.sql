-- revision: 20200601101000000000
-- revises: 20200519101058000001
-- message: create_messages
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000000_create_messages.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_settings_requests" ADD COLUMN "messages" TEXT;

-- +down sqlite
ALTER TABLE "_selfservice_settings_requests_tmp" RENAME TO "selfservice_settings_requests";

-- +up postgres
ALTER TABLE "selfservice_settings_requests" ADD COLUMN "messages" jsonb;

-- +down postgres
ALTER TABLE "selfservice_settings_requests" DROP COLUMN "messages";

-- +up mysql
ALTER TABLE `selfservice_settings_requests` ADD COLUMN `messages` JSON;

-- +down mysql
ALTER TABLE `selfservice_settings_requests` DROP COLUMN `messages`;
