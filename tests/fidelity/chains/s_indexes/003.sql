-- revision: 003
-- revises: 002
-- message: an index dropped and rebuilt differently

-- +up sqlite
DROP INDEX si_events_kind;
CREATE INDEX si_events_kind ON si_events (kind, id);
DROP INDEX IF EXISTS si_events_missing;
-- +down sqlite
DROP INDEX si_events_kind;
CREATE INDEX si_events_kind ON si_events (kind);
