-- revision: 002
-- revises: 001
-- message: partial, expression, unique, descending indexes

-- +up sqlite
CREATE INDEX si_events_kind ON si_events (kind);
CREATE INDEX si_events_live ON si_events (created_at) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX si_events_kind_live ON si_events (kind, created_at) WHERE deleted_at IS NULL AND kind <> 'noise';
CREATE INDEX si_events_lower_kind ON si_events (lower(kind));
CREATE INDEX si_events_json ON si_events (json_extract(payload, '$.user'), kind DESC);
CREATE INDEX si_events_score_desc ON si_events (score DESC, id ASC);
CREATE INDEX IF NOT EXISTS si_events_created ON si_events (created_at);
CREATE INDEX "si_events_Quoted" ON si_events ("kind", "score");
-- +down sqlite
DROP INDEX "si_events_Quoted";
DROP INDEX IF EXISTS si_events_created;
DROP INDEX si_events_score_desc;
DROP INDEX si_events_json;
DROP INDEX si_events_lower_kind;
DROP INDEX si_events_kind_live;
DROP INDEX si_events_live;
DROP INDEX si_events_kind;
