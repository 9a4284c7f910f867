-- +goose Up
CREATE TABLE tags (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- +goose Down
DROP TABLE tags;
