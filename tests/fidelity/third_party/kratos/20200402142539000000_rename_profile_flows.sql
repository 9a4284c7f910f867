-- revision: 20200402142539000000
-- revises: 20200401183443000000
-- message: rename_profile_flows
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000000_rename_profile_flows.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_profile_management_request_methods" RENAME COLUMN "selfservice_profile_management_request_id" TO "selfservice_settings_request_id";

-- +down sqlite
ALTER TABLE "selfservice_settings_requests" RENAME TO "selfservice_profile_management_requests";

-- +up postgres
ALTER TABLE "selfservice_profile_management_request_methods" RENAME COLUMN "selfservice_profile_management_request_id" TO "selfservice_settings_request_id";

-- +down postgres
ALTER TABLE "selfservice_settings_requests" RENAME TO "selfservice_profile_management_requests";

-- +up mysql
ALTER TABLE `selfservice_profile_management_request_methods` CHANGE `selfservice_profile_management_request_id` `selfservice_settings_request_id` char(36) NOT NULL;

-- +down mysql
ALTER TABLE `selfservice_settings_requests` RENAME TO `selfservice_profile_management_requests`;
