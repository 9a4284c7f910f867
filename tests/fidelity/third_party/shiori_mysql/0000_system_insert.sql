-- revision: 0000_system_insert
-- revises: 0000_system_create
-- message: system_insert
-- from go-shiori/shiori 585ea341aa59 internal/database/migrations/mysql/0000_system_insert.up.sql

-- +up mysql
INSERT INTO shiori_system(database_schema_version) VALUES('0.0.0');
