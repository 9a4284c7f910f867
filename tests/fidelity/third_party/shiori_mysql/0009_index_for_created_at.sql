-- revision: 0009_index_for_created_at
-- revises: 0008_set_modified_at_equal_created_at
-- message: index_for_created_at
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0009_index_for_created_at.up.sql

-- +up mysql
CREATE INDEX idx_created_at ON bookmark (created_at);
