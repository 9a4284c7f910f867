-- revision: 20191100000010000004
-- revises: 20191100000010000003
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000004_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000010000004_errors.sqlite3.up.sql

-- +up sqlite


-- +down sqlite
UPDATE selfservice_errors SET seen_at = '1980-01-01 00:00:00' WHERE seen_at = NULL;
