-- revision: 20191100000010000003
-- revises: 20191100000010000002
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000003_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000003_errors.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "_selfservice_errors_tmp" RENAME TO "selfservice_errors";

-- +down sqlite
CREATE TABLE "_selfservice_errors_tmp" (
"id" TEXT PRIMARY KEY,
"errors" TEXT NOT NULL,
"seen_at" DATETIME,
"was_seen" bool NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
"csrf_token" TEXT NOT NULL DEFAULT ''
);
