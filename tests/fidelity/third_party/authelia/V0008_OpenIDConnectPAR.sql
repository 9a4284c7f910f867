-- revision: V0008_OpenIDConnectPAR
-- revises: V0007_ConsistencyFixes
-- message: OpenIDConnectPAR
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0008.OpenIDConnectPAR.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0008.OpenIDConnectPAR.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0008.OpenIDConnectPAR.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0008.OpenIDConnectPAR.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0008.OpenIDConnectPAR.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0008.OpenIDConnectPAR.up.sql

-- +up sqlite
CREATE TABLE IF NOT EXISTS oauth2_par_context (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    signature VARCHAR(255) NOT NULL,
    request_id VARCHAR(40) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    requested_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    scopes TEXT NOT NULL,
    audience TEXT NOT NULL,
    handled_response_types TEXT NOT NULL,
    response_mode TEXT NOT NULL,
    response_mode_default TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    form_data TEXT NOT NULL,
    session_data BLOB NOT NULL
);

CREATE UNIQUE INDEX oauth2_par_context_signature_key ON oauth2_par_context (signature);

-- +down sqlite
DROP TABLE IF EXISTS oauth2_par_context;

-- +up postgres
CREATE TABLE IF NOT EXISTS oauth2_par_context (
    id SERIAL CONSTRAINT oauth2_par_context_pkey PRIMARY KEY,
    request_id VARCHAR(40) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    signature VARCHAR(255) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    scopes TEXT NOT NULL,
    audience TEXT NULL DEFAULT '',
    handled_response_types TEXT NOT NULL DEFAULT '',
    response_mode TEXT NOT NULL DEFAULT '',
    response_mode_default TEXT NOT NULL DEFAULT '',
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    form_data TEXT NOT NULL,
    session_data BYTEA NOT NULL
);

CREATE UNIQUE INDEX oauth2_par_context_signature_key ON oauth2_par_context (signature);

-- +down postgres
DROP TABLE IF EXISTS oauth2_par_context;

-- +up mysql
CREATE TABLE IF NOT EXISTS oauth2_par_context (
    id INTEGER NOT NULL PRIMARY KEY AUTO_INCREMENT,
    request_id VARCHAR(40) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    signature VARCHAR(255) NOT NULL,
    requested_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    scopes TEXT NOT NULL,
    audience TEXT NOT NULL,
    handled_response_types TEXT NOT NULL,
    response_mode TEXT NOT NULL,
    response_mode_default TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    form_data TEXT NOT NULL,
    session_data BLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE UNIQUE INDEX oauth2_par_context_signature_key ON oauth2_par_context (signature);

-- +down mysql
DROP TABLE IF EXISTS oauth2_par_context;
