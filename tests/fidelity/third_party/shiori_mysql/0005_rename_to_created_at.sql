-- revision: 0005_rename_to_created_at
-- revises: 0004_initial_bookmark_tag
-- message: rename_to_created_at
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0005_rename_to_created_at.up.sql

-- +up mysql
ALTER TABLE bookmark RENAME COLUMN modified to created_at;
