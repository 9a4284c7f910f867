-- +goose Up
CREATE TABLE tags (id integer PRIMARY KEY, name varchar(50) NOT NULL);

-- +goose Down
DROP TABLE tags;
