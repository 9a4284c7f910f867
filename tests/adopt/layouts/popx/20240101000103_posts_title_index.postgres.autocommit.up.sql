CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);
