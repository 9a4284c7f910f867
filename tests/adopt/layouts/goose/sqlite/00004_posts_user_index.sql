-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX posts_user_id ON posts (user_id);

-- +goose Down
DROP INDEX posts_user_id;
