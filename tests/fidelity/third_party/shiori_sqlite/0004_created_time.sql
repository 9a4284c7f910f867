-- revision: 0004_created_time
-- revises: 0003_uniq_id
-- message: created_time
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/sqlite/0004_created_time.up.sql

-- +up sqlite
ALTER TABLE bookmark
RENAME COLUMN modified to created_at;

ALTER TABLE bookmark
ADD COLUMN modified_at TEXT NULL;

UPDATE bookmark
SET modified_at = bookmark.created_at
WHERE created_at IS NOT NULL;

CREATE INDEX idx_created_at ON bookmark(created_at);
CREATE INDEX idx_modified_at ON bookmark(modified_at);
