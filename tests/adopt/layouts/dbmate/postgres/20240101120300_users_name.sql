-- migrate:up
ALTER TABLE users ADD COLUMN name text;

-- migrate:down
ALTER TABLE users DROP COLUMN name;
