-- revision: 0008_set_modified_at_equal_created_at
-- revises: 0007_add_modified_at
-- message: set_modified_at_equal_created_at
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0008_set_modified_at_equal_created_at.up.sql

-- +up mysql
UPDATE bookmark
SET modified_at = COALESCE(created_at, CURRENT_TIMESTAMP)
WHERE created_at IS NOT NULL;
