-- revision: 20191100000010000002
-- revises: 20191100000010000001
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000002_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000002_errors.sqlite3.up.sql

-- +up sqlite
DROP TABLE "selfservice_errors";

-- +down sqlite
INSERT INTO "_selfservice_errors_tmp" (id, errors, seen_at, was_seen, created_at, updated_at, csrf_token) SELECT id, errors, seen_at, was_seen, created_at, updated_at, csrf_token FROM "selfservice_errors";
