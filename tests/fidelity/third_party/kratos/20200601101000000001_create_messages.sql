-- revision: 20200601101000000001
-- revises: 20200601101000000000
-- message: create_messages
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000001_create_messages.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200601101000000001_create_messages.sqlite3.up.sql

-- +up sqlite


-- +down sqlite

DROP TABLE "selfservice_settings_requests";
