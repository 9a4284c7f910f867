-- revision: 20191100000007000001
-- revises: 20191100000007000000
-- message: errors
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000001_errors.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000007000001_errors.sqlite3.up.sql

-- +up sqlite


-- +down sqlite

DROP TABLE "selfservice_errors";
