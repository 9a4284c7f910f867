-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX posts_title ON posts (title);

-- +goose Down
DROP INDEX posts_title ON posts;
