-- migrate:up
ALTER TABLE users ADD COLUMN name varchar(100);

-- migrate:down
ALTER TABLE users DROP COLUMN name;
