-- +goose Up
ALTER TABLE posts ADD COLUMN published boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE posts DROP COLUMN published;
