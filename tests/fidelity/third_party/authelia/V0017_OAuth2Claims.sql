-- revision: V0017_OAuth2Claims
-- revises: V0016_OAuth2ConsentSubjectNULL
-- message: OAuth2Claims
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0017.OAuth2Claims.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0017.OAuth2Claims.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0017.OAuth2Claims.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0017.OAuth2Claims.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0017.OAuth2Claims.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0017.OAuth2Claims.up.sql

-- +up sqlite
ALTER TABLE oauth2_consent_session
    ADD COLUMN granted_claims TEXT NULL;

ALTER TABLE oauth2_consent_preconfiguration ADD COLUMN requested_claims TEXT NULL;
ALTER TABLE oauth2_consent_preconfiguration ADD COLUMN signature_claims CHAR(64) NULL;
ALTER TABLE oauth2_consent_preconfiguration ADD COLUMN granted_claims TEXT DEFAULT '';

-- +down sqlite
ALTER TABLE oauth2_consent_session
    DROP COLUMN granted_claims;

ALTER TABLE oauth2_consent_preconfiguration DROP COLUMN requested_claims;
ALTER TABLE oauth2_consent_preconfiguration DROP COLUMN signature_claims;
ALTER TABLE oauth2_consent_preconfiguration DROP COLUMN granted_claims;

-- +up postgres
ALTER TABLE oauth2_consent_session
    ADD COLUMN granted_claims TEXT NULL;

ALTER TABLE oauth2_consent_preconfiguration
    ADD COLUMN requested_claims TEXT NULL,
    ADD COLUMN signature_claims CHAR(64) NULL,
    ADD COLUMN granted_claims TEXT DEFAULT '';

-- +down postgres
ALTER TABLE oauth2_consent_session
    DROP COLUMN granted_claims;

ALTER TABLE oauth2_consent_preconfiguration
    DROP COLUMN requested_claims,
    DROP COLUMN signature_claims,
    DROP COLUMN granted_claims;

-- +up mysql
ALTER TABLE oauth2_consent_session
    ADD COLUMN granted_claims TEXT NULL;

ALTER TABLE oauth2_consent_preconfiguration
    ADD COLUMN requested_claims TEXT,
    ADD COLUMN signature_claims CHAR(64) NULL,
    ADD COLUMN granted_claims TEXT;

-- +down mysql
ALTER TABLE oauth2_consent_session
    DROP COLUMN granted_claims;

ALTER TABLE oauth2_consent_preconfiguration
    DROP COLUMN requested_claims,
    DROP COLUMN signature_claims,
    DROP COLUMN granted_claims;
