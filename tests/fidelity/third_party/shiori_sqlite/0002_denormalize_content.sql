-- revision: 0002_denormalize_content
-- revises: 0001_initial
-- message: denormalize_content
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/sqlite/0002_denormalize_content.up.sql

-- +up sqlite
UPDATE bookmark
SET has_content = bc.has_content FROM (SELECT docid, content <> '' AS has_content FROM bookmark_content) AS bc
WHERE bookmark.id = bc.docid;
