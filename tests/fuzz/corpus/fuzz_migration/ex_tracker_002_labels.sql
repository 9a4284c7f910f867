-- revision: 002_labels
-- revises: 001_base
-- branch: labels
-- message: labels, and which issues carry them

-- +up
CREATE TABLE labels (
    id serial PRIMARY KEY,
    name varchar(50) NOT NULL UNIQUE
);
CREATE TABLE issue_labels (
    issue_id integer NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    label_id integer NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (issue_id, label_id)
);
