-- +goose Up
CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL, body text);

-- +goose Down
DROP TABLE comments;
