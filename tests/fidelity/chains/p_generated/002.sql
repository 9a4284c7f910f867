-- revision: 002
-- revises: 001
-- message: a generated column added

-- +up postgres
ALTER TABLE pg_items ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED;
CREATE UNIQUE INDEX pg_items_name_lower ON pg_items (name_lower);
-- +down postgres
DROP INDEX pg_items_name_lower;
ALTER TABLE pg_items DROP COLUMN name_lower;
