-- revision: 003
-- revises: 002
-- message: the column goes

-- +up postgres
ALTER TABLE pe_t DROP COLUMN code;
-- +down postgres
ALTER TABLE pe_t ADD COLUMN code text;
