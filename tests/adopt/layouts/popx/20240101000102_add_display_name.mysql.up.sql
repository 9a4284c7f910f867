-- MySQL keeps its own width
ALTER TABLE users ADD COLUMN display_name VARCHAR(120);
