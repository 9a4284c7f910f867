-- revision: 20200317160354000005
-- revises: 20200317160354000004
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000005_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000005_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite

DROP TABLE "selfservice_profile_management_requests";

-- +down sqlite
ALTER TABLE "_selfservice_profile_management_requests_tmp" RENAME TO "selfservice_profile_management_requests";
