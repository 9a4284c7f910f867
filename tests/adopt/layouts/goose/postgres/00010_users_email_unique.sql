-- +goose Up
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- +goose Down
DROP INDEX users_email;
