-- revision: 002
-- revises: 001
-- message: a column added under a view

-- +up sqlite
ALTER TABLE sv_posts ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX sv_posts_slug ON sv_posts (slug) WHERE slug IS NOT NULL;
DROP VIEW sv_published;
CREATE VIEW sv_published AS SELECT id, title, slug FROM sv_posts WHERE published = 1;
-- +down sqlite
DROP VIEW sv_published;
CREATE VIEW sv_published AS SELECT id, title FROM sv_posts WHERE published = 1;
DROP INDEX sv_posts_slug;
ALTER TABLE sv_posts DROP COLUMN slug;
