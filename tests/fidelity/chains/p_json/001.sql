-- revision: 001
-- revises: base
-- message: json stays json in a postgres section

-- +up postgres
CREATE TABLE pj_docs (id uuid NOT NULL PRIMARY KEY, j JSON, jb JSONB, status VARCHAR(7), created_at TIMESTAMP, approved BOOLEAN, price numeric(10,2));
ALTER TABLE pj_docs ADD COLUMN j2 json NOT NULL DEFAULT '{}';
-- +down postgres
DROP TABLE pj_docs;
