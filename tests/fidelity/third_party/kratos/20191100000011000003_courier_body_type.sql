-- revision: 20191100000011000003
-- revises: 20191100000011000002
-- message: courier_body_type
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000003_courier_body_type.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000003_courier_body_type.sqlite3.up.sql

-- +up sqlite
ALTER TABLE "_courier_messages_tmp" RENAME TO "courier_messages";

-- +down sqlite
