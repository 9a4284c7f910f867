-- revision: 003
-- revises: 002
-- message: renamed and rebuilt

-- +up mysql
ALTER TABLE mix_docs RENAME INDEX mix_docs_owner TO mix_docs_owner_idx;
DROP INDEX mix_docs_created ON mix_docs;
CREATE INDEX mix_docs_created ON mix_docs (created_at, id);
ALTER TABLE mix_docs DROP INDEX IF EXISTS mix_docs_absent;
-- +down mysql
DROP INDEX mix_docs_created ON mix_docs;
CREATE INDEX mix_docs_created USING BTREE ON mix_docs (created_at) COMMENT 'by time';
ALTER TABLE mix_docs RENAME INDEX mix_docs_owner_idx TO mix_docs_owner;
