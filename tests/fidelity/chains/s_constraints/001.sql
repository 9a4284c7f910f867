-- revision: 001
-- revises: base
-- message: named and unnamed constraints, deferrable keys

-- +up sqlite
CREATE TABLE sk_parent (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    alt TEXT CONSTRAINT sk_parent_alt_key UNIQUE,
    qty INTEGER CHECK (qty >= 0),
    CONSTRAINT sk_parent_code_len CHECK (length(code) BETWEEN 1 AND 10),
    CHECK (alt <> code),
    UNIQUE (code, alt)
);
CREATE TABLE sk_child (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES sk_parent (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    parent_code TEXT REFERENCES sk_parent (code) DEFERRABLE INITIALLY DEFERRED,
    other_id INTEGER,
    alt TEXT,
    CONSTRAINT sk_child_other_fk FOREIGN KEY (other_id) REFERENCES sk_parent (id) ON DELETE SET NULL NOT DEFERRABLE,
    FOREIGN KEY (parent_code, alt) REFERENCES sk_parent (code, alt) MATCH SIMPLE ON UPDATE CASCADE,
    CONSTRAINT sk_child_self FOREIGN KEY (id) REFERENCES sk_child (id) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE TABLE sk_noref (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES sk_parent);
-- +down sqlite
DROP TABLE sk_noref;
DROP TABLE sk_child;
DROP TABLE sk_parent;
