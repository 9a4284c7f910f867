-- revision: 20200317160354000010
-- revises: 20200317160354000009
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000010_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000010_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
ALTER TABLE "selfservice_profile_management_requests" ADD COLUMN "form" TEXT;
