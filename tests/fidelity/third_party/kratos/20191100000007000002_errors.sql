-- revision: 20191100000007000002
-- revises: 20191100000007000001
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000002_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000002_errors.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
INSERT INTO "_selfservice_errors_tmp" (id, errors, seen_at, was_seen, created_at, updated_at) SELECT id, errors, seen_at, was_seen, created_at, updated_at FROM "selfservice_errors";
