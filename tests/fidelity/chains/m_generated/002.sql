-- revision: 002
-- revises: 001
-- message: a generated column added

-- +up mysql
ALTER TABLE mg_items ADD COLUMN dq int AS (qty * 2) VIRTUAL;
CREATE INDEX mg_items_lname ON mg_items (lname);
-- +down mysql
DROP INDEX mg_items_lname ON mg_items;
ALTER TABLE mg_items DROP COLUMN dq;
