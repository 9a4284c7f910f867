-- revision: 002
-- revises: 001
-- message: columns added to STRICT and WITHOUT ROWID tables

-- +up sqlite
ALTER TABLE so_strict ADD COLUMN flag INTEGER NOT NULL DEFAULT 0;
ALTER TABLE so_wr ADD COLUMN extra TEXT COLLATE NOCASE;
ALTER TABLE so_both RENAME COLUMN v TO value;
-- +down sqlite
ALTER TABLE so_both RENAME COLUMN value TO v;
ALTER TABLE so_wr DROP COLUMN extra;
ALTER TABLE so_strict DROP COLUMN flag;
