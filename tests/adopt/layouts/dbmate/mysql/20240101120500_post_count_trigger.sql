-- migrate:up
ALTER TABLE users ADD COLUMN post_count int NOT NULL DEFAULT 0;
CREATE TRIGGER posts_count AFTER INSERT ON posts FOR EACH ROW
BEGIN
    UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
    UPDATE users SET name = COALESCE(name, email) WHERE id = NEW.user_id;
END;

-- migrate:down
DROP TRIGGER posts_count;
ALTER TABLE users DROP COLUMN post_count;
