-- +goose Up
ALTER TABLE posts ADD COLUMN published INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE posts DROP COLUMN published;
