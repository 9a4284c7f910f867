-- revision: V0019_WebAuthnPasskeys
-- revises: V0018_OAuth2DeviceCode
-- message: WebAuthnPasskeys
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0019.WebAuthnPasskeys.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0019.WebAuthnPasskeys.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0019.WebAuthnPasskeys.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0019.WebAuthnPasskeys.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0019.WebAuthnPasskeys.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0019.WebAuthnPasskeys.up.sql

-- +up sqlite
ALTER TABLE webauthn_credentials
    ADD COLUMN attestation BLOB NULL DEFAULT NULL;

CREATE TABLE IF NOT EXISTS cached_data (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL,
    name VARCHAR(20) NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    value BLOB NOT NULL
);

CREATE UNIQUE INDEX cached_data_name_key ON cached_data (name);

-- +down sqlite
ALTER TABLE webauthn_credentials
    DROP COLUMN attestation;

DROP TABLE IF EXISTS cached_data;

-- +up postgres
ALTER TABLE webauthn_credentials
    ADD COLUMN attestation BYTEA NULL DEFAULT NULL;

CREATE TABLE IF NOT EXISTS cached_data (
    id SERIAL CONSTRAINT cached_data_pkey PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    name VARCHAR(20) NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    value BYTEA NOT NULL
);

CREATE UNIQUE INDEX cached_data_name_key ON cached_data (name);

-- +down postgres
ALTER TABLE webauthn_credentials
    DROP COLUMN attestation;

DROP TABLE IF EXISTS cached_data;

-- +up mysql
ALTER TABLE webauthn_credentials
    ADD COLUMN attestation BLOB NULL DEFAULT NULL;

CREATE TABLE IF NOT EXISTS cached_data (
    id INTEGER NOT NULL PRIMARY KEY AUTO_INCREMENT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    name VARCHAR(20) NOT NULL,
    encrypted BOOLEAN NOT NULL DEFAULT FALSE,
    value BLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE UNIQUE INDEX cached_data_name_key ON cached_data (name);

-- +down mysql
ALTER TABLE webauthn_credentials
    DROP COLUMN attestation;

DROP TABLE IF EXISTS cached_data;
