-- +goose Up
INSERT INTO tags (name) VALUES ('news'), ('howto');

-- +goose Down
DELETE FROM tags WHERE name IN ('news', 'howto');
