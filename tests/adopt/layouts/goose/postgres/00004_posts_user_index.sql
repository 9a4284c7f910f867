-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY posts_user_id ON posts (user_id);

-- +goose Down
DROP INDEX CONCURRENTLY posts_user_id;
