-- revision: V0023_DeviceCodeNullConstraints
-- revises: V0022_OAuth2ConsentBinding
-- message: DeviceCodeNullConstraints
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0023.DeviceCodeNullConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0023.DeviceCodeNullConstraints.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0023.DeviceCodeNullConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0023.DeviceCodeNullConstraints.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0023.DeviceCodeNullConstraints.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0023.DeviceCodeNullConstraints.up.sql

-- +up sqlite


-- +down sqlite


-- +up postgres
ALTER TABLE oauth2_device_code_session
    ALTER COLUMN challenge_id DROP NOT NULL,
    ALTER COLUMN challenge_id SET DEFAULT NULL,
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN subject SET DEFAULT NULL;

-- +down postgres
DELETE FROM oauth2_device_code_session WHERE challenge_id IS NULL OR subject IS NULL;
ALTER TABLE oauth2_device_code_session
    ALTER COLUMN challenge_id DROP DEFAULT,
    ALTER COLUMN challenge_id SET NOT NULL,
    ALTER COLUMN subject DROP DEFAULT,
    ALTER COLUMN subject SET NOT NULL;

-- +up mysql
ALTER TABLE oauth2_device_code_session
    MODIFY subject CHAR(36) NULL DEFAULT NULL;

-- +down mysql
DELETE FROM oauth2_device_code_session
WHERE subject IS NULL;

ALTER TABLE oauth2_device_code_session
    MODIFY subject CHAR(36) NOT NULL;
