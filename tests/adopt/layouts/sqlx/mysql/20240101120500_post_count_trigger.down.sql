DROP TRIGGER posts_count;
ALTER TABLE users DROP COLUMN post_count;
