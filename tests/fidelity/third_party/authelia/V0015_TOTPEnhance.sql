-- revision: V0015_TOTPEnhance
-- revises: V0014_RevokeResetPasswordJWT
-- message: TOTPEnhance
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0015.TOTPEnhance.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0015.TOTPEnhance.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0015.TOTPEnhance.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0015.TOTPEnhance.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0015.TOTPEnhance.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0015.TOTPEnhance.up.sql

-- +up sqlite
CREATE TABLE IF NOT EXISTS totp_history (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    username VARCHAR(100) NOT NULL,
    step CHAR(64) NOT NULL
);

CREATE UNIQUE INDEX totp_history_lookup_key ON totp_history (username, step);

-- +down sqlite
DROP TABLE IF EXISTS totp_history;

-- +up postgres
CREATE TABLE IF NOT EXISTS totp_history (
    id SERIAL CONSTRAINT totp_history_pkey PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    username VARCHAR(100) NOT NULL,
    step CHAR(64) NOT NULL
);

CREATE UNIQUE INDEX totp_history_lookup_key ON totp_history (username, step);

-- +down postgres
DROP TABLE IF EXISTS totp_history;

-- +up mysql
CREATE TABLE IF NOT EXISTS totp_history (
    id INTEGER NOT NULL PRIMARY KEY AUTO_INCREMENT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    username VARCHAR(100) NOT NULL,
    step CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE UNIQUE INDEX totp_history_lookup_key ON totp_history (username, step);

-- +down mysql
DROP TABLE IF EXISTS totp_history;
