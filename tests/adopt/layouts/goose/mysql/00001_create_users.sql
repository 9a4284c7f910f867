-- +goose Up
CREATE TABLE users (
    id int AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    created_at datetime DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE users;
