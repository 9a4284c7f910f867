-- revision: 0000_system_create
-- revises: base
-- message: system_create
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0000_system_create.up.sql

-- +up mysql
CREATE TABLE IF NOT EXISTS shiori_system(
    database_schema_version VARCHAR(12) NOT NULL DEFAULT '0.0.0'
);
