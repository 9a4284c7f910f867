-- revision: 001
-- revises: base
-- message: constraints of every kind

-- +up mysql
CREATE TABLE mk_parent (
    id int PRIMARY KEY,
    code varchar(10) NOT NULL UNIQUE,
    alt varchar(10),
    qty int CHECK (qty >= 0),
    CONSTRAINT mk_parent_alt_key UNIQUE (code, alt),
    CONSTRAINT mk_parent_len CHECK (char_length(code) > 0),
    CHECK (alt <> code)
);
CREATE TABLE mk_child (
    id int PRIMARY KEY,
    parent_id int NOT NULL,
    parent_code varchar(10),
    other_id int,
    alt varchar(10),
    note varchar(10),
    CONSTRAINT mk_child_parent_fk FOREIGN KEY (parent_id) REFERENCES mk_parent (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    FOREIGN KEY (parent_code) REFERENCES mk_parent (code),
    CONSTRAINT mk_child_other_fk FOREIGN KEY (other_id) REFERENCES mk_parent (id) ON DELETE SET NULL,
    FOREIGN KEY fk_named_index (parent_code, alt) REFERENCES mk_parent (code, alt) ON UPDATE CASCADE,
    KEY mk_child_alt (alt)
);
CREATE TABLE mk_inline (id int PRIMARY KEY, parent_id int REFERENCES mk_parent (id));
-- +down mysql
DROP TABLE mk_inline;
DROP TABLE mk_child;
DROP TABLE mk_parent;
