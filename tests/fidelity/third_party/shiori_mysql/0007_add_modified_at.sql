-- revision: 0007_add_modified_at
-- revises: 0006_change_created_at_settings
-- message: add_modified_at
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0007_add_modified_at.up.sql

-- +up mysql
ALTER TABLE bookmark
ADD COLUMN modified_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;
