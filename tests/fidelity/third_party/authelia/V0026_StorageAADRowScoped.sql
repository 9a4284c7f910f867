-- revision: V0026_StorageAADRowScoped
-- revises: V0025_StorageAAD
-- message: StorageAADRowScoped
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0026.StorageAADRowScoped.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0026.StorageAADRowScoped.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0026.StorageAADRowScoped.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0026.StorageAADRowScoped.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0026.StorageAADRowScoped.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0026.StorageAADRowScoped.up.sql

-- +up sqlite


-- +down sqlite


-- +up postgres


-- +down postgres


-- +up mysql


-- +down mysql
