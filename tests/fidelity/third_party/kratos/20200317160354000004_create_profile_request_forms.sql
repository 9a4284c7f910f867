-- revision: 20200317160354000004
-- revises: 20200317160354000003
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000004_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite
INSERT INTO "_selfservice_profile_management_requests_tmp" (id, request_url, issued_at, expires_at, update_successful, identity_id, created_at, updated_at, active_method) SELECT id, request_url, issued_at, expires_at, update_successful, identity_id, created_at, updated_at, active_method FROM "selfservice_profile_management_requests";

-- +down sqlite
DROP TABLE "selfservice_profile_management_request_methods";

-- +up postgres


-- +down postgres
ALTER TABLE "selfservice_profile_management_requests" ADD COLUMN "form" jsonb;

-- +up mysql


-- +down mysql
ALTER TABLE `selfservice_profile_management_requests` ADD COLUMN `form` JSON;
