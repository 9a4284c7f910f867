-- posts_touch_trigger
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE FUNCTION posts_touch() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    INSERT INTO audit_log (post_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER posts_touch BEFORE UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_touch();
