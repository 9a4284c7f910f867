-- revision: 001_base
-- message: projects and their issues

-- +up
CREATE TABLE projects (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE issues (
    id serial PRIMARY KEY,
    project_id integer NOT NULL REFERENCES projects (id),
    title varchar(200) NOT NULL,
    status varchar(20) NOT NULL DEFAULT 'open',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_issues_project ON issues (project_id, status);
