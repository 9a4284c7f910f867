-- revision: V0009_FixConstraints
-- revises: V0008_OpenIDConnectPAR
-- message: FixConstraints
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0009.FixConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0009.FixConstraints.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0009.FixConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0009.FixConstraints.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0009.FixConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0009.FixConstraints.up.sql

-- +up sqlite


-- +down sqlite


-- +up postgres
ALTER TABLE webauthn_devices
    ALTER COLUMN aaguid DROP NOT NULL;

UPDATE webauthn_devices
SET aaguid = NULL
WHERE aaguid = '' OR aaguid = '00000000-00000000-00000000-00000000';

-- +down postgres


-- +up mysql


-- +down mysql
