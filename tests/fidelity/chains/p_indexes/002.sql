-- revision: 002
-- revises: 001
-- message: partial, expression, INCLUDE, methods, opclasses, options

-- +up postgres
CREATE INDEX pix_docs_owner ON pix_docs (owner_id);
CREATE INDEX pix_docs_live ON pix_docs (owner_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX pix_docs_title_live ON pix_docs (lower(title)) WHERE deleted_at IS NULL;
CREATE INDEX pix_docs_cover ON pix_docs (owner_id) INCLUDE (title, score);
CREATE INDEX pix_docs_tags ON pix_docs USING gin (tags);
CREATE INDEX pix_docs_meta ON pix_docs USING gin (meta jsonb_path_ops);
CREATE INDEX pix_docs_created_brin ON pix_docs USING brin (created_at);
CREATE INDEX pix_docs_title_hash ON pix_docs USING hash (title);
CREATE INDEX pix_docs_score ON pix_docs (score DESC NULLS LAST, id ASC NULLS FIRST);
CREATE INDEX pix_docs_ff ON pix_docs (created_at) WITH (fillfactor = 70);
CREATE INDEX CONCURRENTLY pix_docs_conc ON pix_docs (title, owner_id);
CREATE INDEX IF NOT EXISTS pix_docs_owner ON pix_docs (owner_id, id);
CREATE INDEX pix_docs_expr2 ON pix_docs ((meta->>'kind'), (coalesce(score, 0)));
CREATE UNIQUE INDEX pix_docs_nnd ON pix_docs (owner_id, title) NULLS NOT DISTINCT;
CREATE INDEX ON pix_docs (deleted_at);
-- +down postgres
DROP INDEX pix_docs_deleted_at_idx;
DROP INDEX pix_docs_nnd;
DROP INDEX pix_docs_expr2;
DROP INDEX CONCURRENTLY pix_docs_conc;
DROP INDEX pix_docs_ff;
DROP INDEX pix_docs_score;
DROP INDEX pix_docs_title_hash;
DROP INDEX pix_docs_created_brin;
DROP INDEX pix_docs_meta;
DROP INDEX pix_docs_tags;
DROP INDEX pix_docs_cover;
DROP INDEX pix_docs_title_live;
DROP INDEX pix_docs_live;
DROP INDEX IF EXISTS pix_docs_owner;
