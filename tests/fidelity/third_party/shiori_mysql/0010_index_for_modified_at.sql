-- revision: 0010_index_for_modified_at
-- revises: 0009_index_for_created_at
-- message: index_for_modified_at
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0010_index_for_modified_at.up.sql

-- +up mysql
CREATE INDEX idx_modified_at ON bookmark (modified_at);
