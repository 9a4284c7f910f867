-- revision: 001_tables
-- message: tables that exist before the migration under test

-- +up
CREATE TABLE t (id integer PRIMARY KEY, a varchar(20), b integer);
CREATE TABLE u (id integer PRIMARY KEY);
