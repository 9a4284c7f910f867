-- revision: 20191100000012000001
-- revises: 20191100000012000000
-- message: login_request_forced
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000001_login_request_forced.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000012000001_login_request_forced.sqlite3.up.sql

-- +up sqlite


-- +down sqlite

DROP TABLE "selfservice_login_requests";
