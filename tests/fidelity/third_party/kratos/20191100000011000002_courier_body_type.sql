-- revision: 20191100000011000002
-- revises: 20191100000011000001
-- message: courier_body_type
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000002_courier_body_type.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000002_courier_body_type.sqlite3.up.sql

-- +up sqlite
DROP TABLE "courier_messages";

-- +down sqlite
