-- revision: 002
-- revises: 001
-- message: a collated column added

-- +up sqlite
ALTER TABLE sc_users ADD COLUMN city TEXT COLLATE NOCASE DEFAULT 'Paris';
CREATE UNIQUE INDEX sc_users_city_handle ON sc_users (city, handle COLLATE NOCASE);
-- +down sqlite
DROP INDEX sc_users_city_handle;
ALTER TABLE sc_users DROP COLUMN city;
