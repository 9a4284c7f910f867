-- revision: 002
-- revises: 001
-- message: prefix, fulltext, spatial, descending, hash, invisible indexes

-- +up mysql
CREATE INDEX mix_docs_owner ON mix_docs (owner_id);
CREATE INDEX mix_docs_title_prefix ON mix_docs (title(20));
CREATE UNIQUE INDEX mix_docs_owner_title ON mix_docs (owner_id, title);
CREATE FULLTEXT INDEX mix_docs_ft ON mix_docs (title, body);
CREATE SPATIAL INDEX mix_docs_geo ON mix_docs (geo);
CREATE INDEX mix_docs_score_desc ON mix_docs (score DESC, id);
CREATE INDEX mix_docs_created USING BTREE ON mix_docs (created_at) COMMENT 'by time';
CREATE INDEX IF NOT EXISTS mix_docs_owner ON mix_docs (owner_id, id);
ALTER TABLE mix_docs ADD INDEX mix_docs_body_prefix (body(100)), ADD KEY (score);
ALTER TABLE mix_docs ADD INDEX mix_docs_ignored (created_at, owner_id) IGNORED;
-- +down mysql
DROP INDEX mix_docs_ignored ON mix_docs;
ALTER TABLE mix_docs DROP INDEX score, DROP INDEX mix_docs_body_prefix;
DROP INDEX mix_docs_created ON mix_docs;
DROP INDEX mix_docs_score_desc ON mix_docs;
DROP INDEX mix_docs_geo ON mix_docs;
DROP INDEX mix_docs_ft ON mix_docs;
DROP INDEX mix_docs_owner_title ON mix_docs;
DROP INDEX mix_docs_title_prefix ON mix_docs;
DROP INDEX mix_docs_owner ON mix_docs;
