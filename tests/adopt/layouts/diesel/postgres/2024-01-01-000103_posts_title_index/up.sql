-- posts_title_index
CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);
