-- revision: 001
-- revises: base
-- message: STRICT and WITHOUT ROWID tables

-- +up sqlite
CREATE TABLE so_strict (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, data BLOB, any_col ANY) STRICT;
CREATE TABLE so_wr (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE so_both (k INTEGER NOT NULL, j TEXT NOT NULL, v INT, PRIMARY KEY (k, j)) STRICT, WITHOUT ROWID;
CREATE INDEX so_strict_name ON so_strict (name);
-- +down sqlite
DROP INDEX so_strict_name;
DROP TABLE so_both;
DROP TABLE so_wr;
DROP TABLE so_strict;
