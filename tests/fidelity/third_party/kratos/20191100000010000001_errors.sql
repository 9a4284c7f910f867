-- revision: 20191100000010000001
-- revises: 20191100000010000000
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000001_errors.sqlite3.up.sql

-- +up sqlite
INSERT INTO "_selfservice_errors_tmp" (id, errors, seen_at, was_seen, created_at, updated_at, csrf_token) SELECT id, errors, seen_at, was_seen, created_at, updated_at, csrf_token FROM "selfservice_errors";

-- +down sqlite
DROP TABLE "selfservice_errors";

-- +up postgres


-- +down postgres
UPDATE selfservice_errors SET seen_at = '1980-01-01 00:00:00' WHERE seen_at = NULL;

-- +up mysql


-- +down mysql
UPDATE selfservice_errors SET seen_at = '1980-01-01 00:00:00' WHERE seen_at = NULL;
