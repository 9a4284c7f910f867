-- revision: 003_project_events
-- revises: 002_project_payloads
-- message: append-only event log per project

-- +up
CREATE TABLE project_events (
    id bigserial PRIMARY KEY,
    project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind varchar(40) NOT NULL,
    payload json,
    "timestamp" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_project_events_project_id ON project_events (project_id);
CREATE INDEX idx_project_events_timestamp
    ON project_events ("timestamp" DESC);
