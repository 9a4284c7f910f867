-- revision: 20191100000012000003
-- revises: 20191100000012000002
-- message: login_request_forced
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000003_login_request_forced.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000003_login_request_forced.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
CREATE TABLE "_selfservice_login_requests_tmp" (
"id" TEXT PRIMARY KEY,
"request_url" TEXT NOT NULL,
"issued_at" DATETIME NOT NULL DEFAULT 'CURRENT_TIMESTAMP',
"expires_at" DATETIME NOT NULL,
"active_method" TEXT NOT NULL,
"csrf_token" TEXT NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL
);
