-- revision: V0024_WebAuthnAttestationType
-- revises: V0023_DeviceCodeNullConstraints
-- message: WebAuthnAttestationType
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0024.WebAuthnAttestationType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0024.WebAuthnAttestationType.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0024.WebAuthnAttestationType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0024.WebAuthnAttestationType.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0024.WebAuthnAttestationType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0024.WebAuthnAttestationType.up.sql

-- +up sqlite
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_type TO attestation_format;
ALTER TABLE webauthn_credentials ADD COLUMN attestation_type VARCHAR(32) NOT NULL DEFAULT '';

-- +down sqlite
ALTER TABLE webauthn_credentials DROP COLUMN attestation_type;
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_format TO attestation_type;

-- +up postgres
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_type TO attestation_format;
ALTER TABLE webauthn_credentials ADD COLUMN attestation_type VARCHAR(32) NOT NULL DEFAULT '';

-- +down postgres
ALTER TABLE webauthn_credentials DROP COLUMN attestation_type;
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_format TO attestation_type;

-- +up mysql
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_type TO attestation_format;
ALTER TABLE webauthn_credentials ADD COLUMN attestation_type VARCHAR(32) NOT NULL DEFAULT '';

-- +down mysql
ALTER TABLE webauthn_credentials DROP COLUMN attestation_type;
ALTER TABLE webauthn_credentials RENAME COLUMN attestation_format TO attestation_type;
