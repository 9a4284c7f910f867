ALTER TABLE users ADD COLUMN post_count integer NOT NULL DEFAULT 0;
CREATE FUNCTION bump_post_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER posts_count AFTER INSERT ON posts
    FOR EACH ROW EXECUTE FUNCTION bump_post_count();
