-- revision: 001
-- revises: base
-- message: generated stored columns

-- +up postgres
CREATE TABLE pg_items (
    id bigint PRIMARY KEY,
    price numeric(10,2) NOT NULL,
    qty integer NOT NULL DEFAULT 1,
    total numeric GENERATED ALWAYS AS (price * qty) STORED,
    name text NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED
);
CREATE INDEX pg_items_search ON pg_items USING gin (search);
-- +down postgres
DROP TABLE pg_items;
