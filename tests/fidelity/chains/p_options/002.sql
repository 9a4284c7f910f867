-- revision: 002
-- revises: 001
-- message: options changed

-- +up postgres
ALTER TABLE po_cache SET LOGGED;
ALTER TABLE po_ff SET (fillfactor = 90);
ALTER TABLE po_ff RESET (autovacuum_enabled);
ALTER TABLE po_ff ALTER COLUMN v SET STORAGE EXTERNAL;
COMMENT ON TABLE po_ff IS NULL;
ALTER TABLE po_derived NO INHERIT po_base;
-- +down postgres
ALTER TABLE po_derived INHERIT po_base;
COMMENT ON TABLE po_ff IS 'fill factor 80';
ALTER TABLE po_ff ALTER COLUMN v SET STORAGE EXTENDED;
ALTER TABLE po_ff SET (autovacuum_enabled = false);
ALTER TABLE po_ff SET (fillfactor = 80);
ALTER TABLE po_cache SET UNLOGGED;
