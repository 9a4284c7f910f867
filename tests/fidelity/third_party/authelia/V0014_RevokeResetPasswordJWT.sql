-- revision: V0014_RevokeResetPasswordJWT
-- revises: V0013_OneTimeCode
-- message: RevokeResetPasswordJWT
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0014.RevokeResetPasswordJWT.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0014.RevokeResetPasswordJWT.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0014.RevokeResetPasswordJWT.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0014.RevokeResetPasswordJWT.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0014.RevokeResetPasswordJWT.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0014.RevokeResetPasswordJWT.up.sql

-- +up sqlite
ALTER TABLE identity_verification ADD COLUMN revoked DATETIME NULL DEFAULT NULL;
ALTER TABLE identity_verification ADD COLUMN revoked_ip VARCHAR(39) NULL DEFAULT NULL;

-- +down sqlite
ALTER TABLE identity_verification DROP COLUMN revoked_ip;
ALTER TABLE identity_verification DROP COLUMN revoked;

-- +up postgres
ALTER TABLE identity_verification
    ADD COLUMN revoked TIMESTAMP WITH TIME ZONE NULL DEFAULT NULL,
    ADD COLUMN revoked_ip VARCHAR(39) NULL DEFAULT NULL;

-- +down postgres
ALTER TABLE identity_verification
    DROP COLUMN revoked_ip,
    DROP COLUMN revoked;

-- +up mysql
ALTER TABLE identity_verification
    ADD COLUMN revoked TIMESTAMP NULL DEFAULT NULL,
    ADD COLUMN revoked_ip VARCHAR(39) NULL DEFAULT NULL;

-- +down mysql
ALTER TABLE identity_verification
    DROP COLUMN revoked_ip,
    DROP COLUMN revoked;
