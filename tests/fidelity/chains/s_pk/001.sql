-- revision: 001
-- revises: base
-- message: primary keys as written: nullability, rowid, AUTOINCREMENT

-- +up sqlite
CREATE TABLE sp_text (id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE sp_uuid (id UUID NOT NULL PRIMARY KEY, status VARCHAR(7));
CREATE TABLE sp_int (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE sp_auto (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
CREATE TABLE sp_desc (id INTEGER PRIMARY KEY DESC, v TEXT);
CREATE TABLE sp_int_not_alias (id INT PRIMARY KEY, v TEXT);
CREATE TABLE sp_composite (a TEXT, b INTEGER, c TEXT, PRIMARY KEY (a, b));
CREATE TABLE sp_conflict (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, v TEXT UNIQUE ON CONFLICT IGNORE);
CREATE TABLE sp_named (id BIGINT CONSTRAINT sp_named_id PRIMARY KEY, v TEXT);
-- +down sqlite
DROP TABLE sp_named;
DROP TABLE sp_conflict;
DROP TABLE sp_composite;
DROP TABLE sp_int_not_alias;
DROP TABLE sp_desc;
DROP TABLE sp_auto;
DROP TABLE sp_int;
DROP TABLE sp_uuid;
DROP TABLE sp_text;
