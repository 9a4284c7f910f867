-- migrate:up
ALTER TABLE posts ADD COLUMN published INTEGER NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE posts DROP COLUMN published;
