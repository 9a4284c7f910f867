-- revision: 0006_change_created_at_settings
-- revises: 0005_rename_to_created_at
-- message: change_created_at_settings
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0006_change_created_at_settings.up.sql

-- +up mysql
ALTER TABLE bookmark
MODIFY created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;
