-- revision: c05_qty_check
-- revises: c04_note_not_null
-- message: a constraint: NOT VALID then VALIDATE on PostgreSQL, a table
--   rebuild on SQLite, a table copy on MySQL
-- allow_locking: true
-- +up
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty >= 0);
