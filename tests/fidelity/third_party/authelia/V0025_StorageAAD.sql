-- revision: V0025_StorageAAD
-- revises: V0024_WebAuthnAttestationType
-- message: StorageAAD
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0025.StorageAAD.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0025.StorageAAD.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0025.StorageAAD.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0025.StorageAAD.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0025.StorageAAD.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0025.StorageAAD.up.sql

-- +up sqlite


-- +down sqlite


-- +up postgres


-- +down postgres


-- +up mysql


-- +down mysql
