-- migrate:up
ALTER TABLE posts ADD COLUMN published boolean NOT NULL DEFAULT false;

-- migrate:down
ALTER TABLE posts DROP COLUMN published;
