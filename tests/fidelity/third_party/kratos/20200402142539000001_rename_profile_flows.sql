-- revision: 20200402142539000001
-- revises: 20200402142539000000
-- message: rename_profile_flows
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200402142539000001_rename_profile_flows.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "selfservice_profile_management_request_methods" RENAME TO "selfservice_settings_request_methods";

-- +down sqlite
ALTER TABLE "selfservice_settings_request_methods" RENAME TO "selfservice_profile_management_request_methods";

-- +up postgres
ALTER TABLE "selfservice_profile_management_request_methods" RENAME TO "selfservice_settings_request_methods";

-- +down postgres
ALTER TABLE "selfservice_settings_request_methods" RENAME TO "selfservice_profile_management_request_methods";

-- +up mysql
ALTER TABLE `selfservice_profile_management_request_methods` RENAME TO `selfservice_settings_request_methods`;

-- +down mysql
ALTER TABLE `selfservice_settings_request_methods` RENAME TO `selfservice_profile_management_request_methods`;
