-- revision: 001
-- revises: base
-- message: indexes

-- +up
CREATE TABLE gi_events (id integer PRIMARY KEY, kind varchar(20) NOT NULL, created_at date NOT NULL, score numeric(8,2), owner_id integer);
CREATE INDEX gi_events_kind ON gi_events (kind);
CREATE INDEX gi_events_kind_created ON gi_events (kind, created_at DESC);
CREATE UNIQUE INDEX gi_events_owner_kind ON gi_events (owner_id, kind);
CREATE INDEX gi_events_score ON gi_events (score DESC, id);
-- +down
DROP TABLE gi_events;
