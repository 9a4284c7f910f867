-- revision: 20200317160354000001
-- revises: 20200317160354000000
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000001_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_profile_management_requests" ADD COLUMN "active_method" TEXT;

-- +down sqlite

DROP TABLE "selfservice_profile_management_requests";

-- +up postgres
ALTER TABLE "selfservice_profile_management_requests" ADD COLUMN "active_method" VARCHAR (32);

-- +down postgres
DROP TABLE "selfservice_profile_management_request_methods";

-- +up mysql
ALTER TABLE `selfservice_profile_management_requests` ADD COLUMN `active_method` VARCHAR (32);

-- +down mysql
DROP TABLE `selfservice_profile_management_request_methods`;
