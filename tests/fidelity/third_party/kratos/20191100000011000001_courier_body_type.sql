-- revision: 20191100000011000001
-- revises: 20191100000011000000
-- message: courier_body_type
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000001_courier_body_type.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20191100000011000001_courier_body_type.sqlite3.up.sql

-- +up sqlite
INSERT INTO "_courier_messages_tmp" (id, type, status, body, subject, recipient, created_at, updated_at) SELECT id, type, status, body, subject, recipient, created_at, updated_at FROM "courier_messages";

-- +down sqlite
