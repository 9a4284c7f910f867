-- revision: 001
-- revises: base
-- message: views and triggers around a table

-- +up sqlite
CREATE TABLE sv_posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, published INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
CREATE VIEW sv_published AS SELECT id, title FROM sv_posts WHERE published = 1;
CREATE TRIGGER sv_posts_touch AFTER UPDATE OF title, body ON sv_posts
BEGIN
    UPDATE sv_posts SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
CREATE VIEW IF NOT EXISTS sv_counts (n) AS SELECT count(*) FROM sv_posts;
-- +down sqlite
DROP VIEW sv_counts;
DROP TRIGGER sv_posts_touch;
DROP VIEW sv_published;
DROP TABLE sv_posts;
