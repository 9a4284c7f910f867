-- +goose Up
CREATE VIEW post_titles AS
    SELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.user_id;

-- +goose Down
DROP VIEW post_titles;
