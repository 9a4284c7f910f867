-- revision: 20200601101000000002
-- revises: 20200601101000000001
-- message: create_messages
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000002_create_messages.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000002_create_messages.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
INSERT INTO "_selfservice_settings_requests_tmp" (id, request_url, issued_at, expires_at, identity_id, created_at, updated_at, active_method, update_successful) SELECT id, request_url, issued_at, expires_at, identity_id, created_at, updated_at, active_method, update_successful FROM "selfservice_settings_requests";
