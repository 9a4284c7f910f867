-- revision: 001_projects
-- message: projects, with an etag for optimistic concurrency

-- +up
CREATE TABLE projects (
    id serial PRIMARY KEY,
    slug varchar(100) NOT NULL UNIQUE,
    name varchar(200) NOT NULL,
    settings json,
    etag varchar(64) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
