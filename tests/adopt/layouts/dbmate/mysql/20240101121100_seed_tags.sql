-- migrate:up
INSERT INTO tags (name) VALUES ('news'), ('howto');

-- migrate:down
DELETE FROM tags WHERE name IN ('news', 'howto');
