-- revision: c04_note_not_null
-- revises: c03_items_sku
-- message: a change SQLite makes by rebuilding the table (rows kept)
-- allow_locking: true
-- +up
ALTER TABLE items ALTER COLUMN note SET NOT NULL;
