-- revision: 001
-- revises: base
-- message: generated columns, virtual and stored

-- +up sqlite
CREATE TABLE sg_items (
    id INTEGER PRIMARY KEY,
    price NUMERIC(10,2) NOT NULL,
    qty INTEGER NOT NULL DEFAULT 1,
    total NUMERIC GENERATED ALWAYS AS (price * qty) STORED,
    label TEXT AS ('item-' || id) VIRTUAL,
    lname TEXT AS (lower(label)),
    doc TEXT,
    kind TEXT GENERATED ALWAYS AS (json_extract(doc, '$.kind')) VIRTUAL
);
CREATE INDEX sg_items_kind ON sg_items (kind);
-- +down sqlite
DROP TABLE sg_items;
