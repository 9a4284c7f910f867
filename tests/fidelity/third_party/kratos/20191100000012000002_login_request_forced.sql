-- revision: 20191100000012000002
-- revises: 20191100000012000001
-- message: login_request_forced
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000002_login_request_forced.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000002_login_request_forced.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
INSERT INTO "_selfservice_login_requests_tmp" (id, request_url, issued_at, expires_at, active_method, csrf_token, created_at, updated_at) SELECT id, request_url, issued_at, expires_at, active_method, csrf_token, created_at, updated_at FROM "selfservice_login_requests";
