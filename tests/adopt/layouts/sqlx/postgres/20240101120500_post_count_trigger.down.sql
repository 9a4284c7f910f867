DROP TRIGGER posts_count ON posts;
DROP FUNCTION bump_post_count();
ALTER TABLE users DROP COLUMN post_count;
