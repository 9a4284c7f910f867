-- +goose Up
CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz DEFAULT now()
);

-- +goose Down
DROP TABLE users;
