-- revision: V0022_OAuth2ConsentBinding
-- revises: V0021_MySQLCachedValueType
-- message: OAuth2ConsentBinding
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0022.OAuth2ConsentBinding.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0022.OAuth2ConsentBinding.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0022.OAuth2ConsentBinding.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0022.OAuth2ConsentBinding.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0022.OAuth2ConsentBinding.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0022.OAuth2ConsentBinding.up.sql

-- +up sqlite
ALTER TABLE oauth2_consent_session
    ADD COLUMN expires_at TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00.000000000+00:00';

-- +down sqlite
ALTER TABLE oauth2_consent_session
    DROP COLUMN expires_at;

-- +up postgres
ALTER TABLE oauth2_consent_session
    ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '2000-01-01 00:00:00+00';

-- +down postgres
ALTER TABLE oauth2_consent_session
    DROP COLUMN expires_at;

-- +up mysql
ALTER TABLE oauth2_consent_session
    ADD COLUMN expires_at TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00';

-- +down mysql
ALTER TABLE oauth2_consent_session
    DROP COLUMN expires_at;
