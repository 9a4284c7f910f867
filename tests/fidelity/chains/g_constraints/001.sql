-- revision: 001
-- revises: base
-- message: unnamed and named constraints

-- +up
CREATE TABLE gc_parent (id integer PRIMARY KEY, code varchar(10) NOT NULL UNIQUE, qty integer CHECK (qty >= 0), CHECK (id > 0));
CREATE TABLE gc_child (
    id integer NOT NULL,
    parent_id integer,
    other_id integer,
    code varchar(10),
    CONSTRAINT gc_child_pk PRIMARY KEY (id),
    CONSTRAINT gc_child_parent_fk FOREIGN KEY (parent_id) REFERENCES gc_parent (id) ON DELETE CASCADE,
    FOREIGN KEY (other_id) REFERENCES gc_parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT gc_child_code_key UNIQUE (code, parent_id),
    UNIQUE (other_id),
    CONSTRAINT gc_child_code_check CHECK (code <> '')
);
-- +down
DROP TABLE gc_child;
DROP TABLE gc_parent;
