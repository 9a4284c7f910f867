-- migrate:up
ALTER TABLE users ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER posts_count AFTER INSERT ON posts
BEGIN
    UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
    UPDATE posts SET title = trim(title) WHERE id = NEW.id;
END;

-- migrate:down
DROP TRIGGER posts_count;
ALTER TABLE users DROP COLUMN post_count;
