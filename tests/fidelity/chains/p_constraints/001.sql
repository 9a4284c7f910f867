-- revision: 001
-- revises: base
-- message: constraints of every kind

-- +up postgres
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE pk_parent (
    id integer PRIMARY KEY,
    code varchar(10) NOT NULL UNIQUE,
    alt varchar(10),
    qty integer CHECK (qty >= 0),
    CONSTRAINT pk_parent_alt_key UNIQUE (code, alt),
    CONSTRAINT pk_parent_len CHECK (char_length(code) > 0) NO INHERIT,
    CHECK (alt <> code)
);
CREATE TABLE pk_child (
    id integer PRIMARY KEY,
    parent_id integer NOT NULL REFERENCES pk_parent (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    parent_code varchar(10) REFERENCES pk_parent (code) DEFERRABLE INITIALLY DEFERRED,
    other_id integer,
    alt varchar(10),
    during tstzrange,
    CONSTRAINT pk_child_other_fk FOREIGN KEY (other_id) REFERENCES pk_parent (id) ON DELETE SET NULL DEFERRABLE INITIALLY IMMEDIATE,
    FOREIGN KEY (parent_code, alt) REFERENCES pk_parent (code, alt) MATCH FULL ON UPDATE CASCADE,
    CONSTRAINT pk_child_no_overlap EXCLUDE USING gist (parent_id WITH =, during WITH &&)
);
CREATE TABLE pk_unique_deferred (a integer, b integer, CONSTRAINT pk_ud UNIQUE (a) DEFERRABLE INITIALLY DEFERRED, UNIQUE NULLS NOT DISTINCT (b));
-- +down postgres
DROP TABLE pk_unique_deferred;
DROP TABLE pk_child;
DROP TABLE pk_parent;
