DROP VIEW recent_posts;
