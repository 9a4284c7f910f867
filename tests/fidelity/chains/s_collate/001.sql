-- revision: 001
-- revises: base
-- message: collations on columns and in index keys

-- +up sqlite
CREATE TABLE sc_users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL COLLATE NOCASE UNIQUE,
    handle VARCHAR(40) COLLATE RTRIM,
    name TEXT COLLATE BINARY,
    note TEXT
);
CREATE INDEX sc_users_name_nocase ON sc_users (name COLLATE NOCASE);
CREATE INDEX sc_users_handle ON sc_users (handle COLLATE BINARY DESC, id);
-- +down sqlite
DROP INDEX sc_users_handle;
DROP INDEX sc_users_name_nocase;
DROP TABLE sc_users;
