-- revision: V0013_OneTimeCode
-- revises: V0012_WebAuthnMultiCookieDomain
-- message: OneTimeCode
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0013.OneTimeCode.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0013.OneTimeCode.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0013.OneTimeCode.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0013.OneTimeCode.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0013.OneTimeCode.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0013.OneTimeCode.up.sql

-- +up sqlite
CREATE TABLE IF NOT EXISTS one_time_code (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    public_id CHAR(36) NOT NULL,
    signature VARCHAR(128) NOT NULL,
    issued DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    issued_ip VARCHAR(39) NOT NULL,
    expires DATETIME NOT NULL,
    username VARCHAR(100) NOT NULL,
    intent VARCHAR(100) NOT NULL,
    consumed DATETIME NULL DEFAULT NULL,
    consumed_ip VARCHAR(39) NULL DEFAULT NULL,
    revoked DATETIME NULL DEFAULT NULL,
    revoked_ip VARCHAR(39) NULL DEFAULT NULL,
    code BLOB NOT NULL
);

CREATE UNIQUE INDEX one_time_code_lookup_key ON one_time_code (signature, username);

-- +down sqlite
DROP TABLE IF EXISTS user_elevated_session_action;
DROP TABLE IF EXISTS user_elevated_session;
DROP TABLE IF EXISTS one_time_code;

-- +up postgres
CREATE TABLE IF NOT EXISTS one_time_code (
    id SERIAL CONSTRAINT one_time_code_pkey PRIMARY KEY,
    public_id CHAR(36) NOT NULL,
    signature VARCHAR(128) NOT NULL,
    issued TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    issued_ip VARCHAR(39) NOT NULL,
    expires TIMESTAMP WITH TIME ZONE NOT NULL,
    username VARCHAR(100) NOT NULL,
    intent VARCHAR(100) NOT NULL,
    consumed TIMESTAMP WITH TIME ZONE NULL DEFAULT NULL,
    consumed_ip VARCHAR(39) NULL DEFAULT NULL,
    revoked TIMESTAMP WITH TIME ZONE NULL DEFAULT NULL,
    revoked_ip VARCHAR(39) NULL DEFAULT NULL,
    code BYTEA NOT NULL
);

CREATE UNIQUE INDEX one_time_code_lookup_key ON one_time_code (signature, username);

-- +down postgres
DROP TABLE IF EXISTS one_time_code;

-- +up mysql
CREATE TABLE IF NOT EXISTS one_time_code (
    id INTEGER NOT NULL PRIMARY KEY AUTO_INCREMENT,
    public_id CHAR(36) NOT NULL,
    signature VARCHAR(128) NOT NULL,
    issued TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    issued_ip VARCHAR(39) NOT NULL,
    expires TIMESTAMP NOT NULL,
    username VARCHAR(100) NOT NULL,
    intent VARCHAR(100) NOT NULL,
    consumed TIMESTAMP NULL DEFAULT NULL,
    consumed_ip VARCHAR(39) NULL DEFAULT NULL,
    revoked TIMESTAMP NULL DEFAULT NULL,
    revoked_ip VARCHAR(39) NULL DEFAULT NULL,
    code BLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE UNIQUE INDEX one_time_code_signature ON one_time_code (signature, username);

-- +down mysql
DROP TABLE IF EXISTS one_time_code;
