-- recent_posts_view
CREATE VIEW recent_posts AS
    SELECT id, title FROM posts WHERE updated_at IS NOT NULL;
