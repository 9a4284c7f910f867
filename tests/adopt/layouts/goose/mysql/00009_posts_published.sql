-- +goose Up
ALTER TABLE posts ADD COLUMN published tinyint(1) NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE posts DROP COLUMN published;
