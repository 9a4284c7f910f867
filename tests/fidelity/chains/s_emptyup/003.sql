-- revision: 003
-- revises: 002
-- message: the column goes

-- +up sqlite
ALTER TABLE se_t DROP COLUMN code;
-- +down sqlite
ALTER TABLE se_t ADD COLUMN code TEXT;
