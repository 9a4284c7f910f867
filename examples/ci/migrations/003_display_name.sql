-- revision: 003_display_name
-- revises: 002_sessions
-- message: a display name; the down is derived (the column dropped)

-- +up
ALTER TABLE accounts ADD COLUMN display_name varchar(100);
