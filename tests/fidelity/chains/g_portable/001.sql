-- revision: 001
-- revises: base
-- message: json and uuid, portable names every engine accepts

-- +up
CREATE TABLE gp_docs (id uuid NOT NULL PRIMARY KEY, body json, meta json NOT NULL, parent uuid);
CREATE INDEX gp_docs_parent ON gp_docs (parent);
-- +down
DROP TABLE gp_docs;
