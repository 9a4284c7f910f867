-- revision: c08_rename
-- revises: c07_audit
-- message: a rename and a second rebuild (DROP NOT NULL), derived down
-- allow_locking: true
-- +up
ALTER TABLE items RENAME COLUMN qty TO quantity;
ALTER TABLE items ALTER COLUMN note DROP NOT NULL;
