-- revision: 20200317160354000002
-- revises: 20200317160354000001
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000002_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite
INSERT INTO selfservice_profile_management_request_methods (id, method, selfservice_profile_management_request_id, config) SELECT id, 'traits', id, form FROM selfservice_profile_management_requests;

-- +down sqlite
INSERT INTO "_selfservice_profile_management_requests_tmp" (id, request_url, issued_at, expires_at, identity_id, created_at, updated_at, update_successful, form) SELECT id, request_url, issued_at, expires_at, identity_id, created_at, updated_at, update_successful, form FROM "selfservice_profile_management_requests";

-- +up postgres
INSERT INTO selfservice_profile_management_request_methods (id, method, selfservice_profile_management_request_id, config) SELECT id, 'traits', id, form FROM selfservice_profile_management_requests;

-- +down postgres
ALTER TABLE "selfservice_profile_management_requests" ALTER COLUMN "form" TYPE jsonb, ALTER COLUMN "form" DROP NOT NULL;

-- +up mysql
INSERT INTO selfservice_profile_management_request_methods (id, method, selfservice_profile_management_request_id, config) SELECT id, 'traits', id, form FROM selfservice_profile_management_requests;

-- +down mysql
ALTER TABLE `selfservice_profile_management_requests` MODIFY `form` JSON;
