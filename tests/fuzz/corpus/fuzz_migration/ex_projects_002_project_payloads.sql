-- revision: 002_project_payloads
-- revises: 001_projects
-- message: content-addressed payloads of a project

-- +up
CREATE TABLE project_payloads (
    id serial PRIMARY KEY,
    project_id integer NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    sha256 varchar(64) NOT NULL,
    body json NOT NULL,
    size_bytes bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_project_payloads_project_id
    ON project_payloads (project_id);
CREATE UNIQUE INDEX idx_project_payloads_sha256
    ON project_payloads (sha256);
