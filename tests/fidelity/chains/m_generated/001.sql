-- revision: 001
-- revises: base
-- message: generated columns

-- +up mysql
CREATE TABLE mg_items (
    id int PRIMARY KEY,
    price decimal(10,2) NOT NULL,
    qty int NOT NULL DEFAULT 1,
    total decimal(12,2) AS (price * qty) STORED,
    name varchar(50) NOT NULL,
    lname varchar(50) GENERATED ALWAYS AS (lower(name)) VIRTUAL,
    doc json,
    kind varchar(20) AS (json_unquote(json_extract(doc, '$.kind'))) PERSISTENT
);
CREATE INDEX mg_items_kind ON mg_items (kind);
-- +down mysql
DROP TABLE mg_items;
