-- add_display_name
ALTER TABLE users ADD COLUMN display_name VARCHAR(100);
