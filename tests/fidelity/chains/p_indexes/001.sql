-- revision: 001
-- revises: base
-- message: a table to index

-- +up postgres
CREATE TABLE pix_docs (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    title text NOT NULL,
    body text,
    tags text[],
    meta jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    score double precision
);
-- +down postgres
DROP TABLE pix_docs;
