-- revision: 003
-- revises: 002
-- message: the column goes

-- +up mysql
ALTER TABLE me_t DROP COLUMN code;
-- +down mysql
ALTER TABLE me_t ADD COLUMN code varchar(20);
