-- revision: 001
-- revises: base
-- message: table options: unlogged, storage parameters, partitions, inheritance, comments

-- +up postgres
CREATE UNLOGGED TABLE po_cache (k text PRIMARY KEY, v bytea);
CREATE TABLE po_ff (id integer PRIMARY KEY, v text) WITH (fillfactor = 80, autovacuum_enabled = false);
CREATE TABLE po_events (id bigint NOT NULL, at timestamptz NOT NULL, v text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE po_events_2024 PARTITION OF po_events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE po_events_default PARTITION OF po_events DEFAULT;
CREATE TABLE po_base (id integer, created timestamptz DEFAULT now());
CREATE TABLE po_derived (extra text) INHERITS (po_base);
COMMENT ON TABLE po_ff IS 'fill factor 80';
COMMENT ON COLUMN po_ff.v IS 'the value';
CREATE TABLE po_list (id integer NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE po_list_eu PARTITION OF po_list FOR VALUES IN ('eu', 'uk');
-- +down postgres
DROP TABLE po_list;
DROP TABLE po_derived;
DROP TABLE po_base;
DROP TABLE po_events;
DROP TABLE po_ff;
DROP TABLE po_cache;
