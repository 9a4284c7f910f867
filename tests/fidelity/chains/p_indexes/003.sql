-- revision: 003
-- revises: 002
-- message: indexes renamed, dropped, rebuilt

-- +up postgres
ALTER INDEX pix_docs_owner RENAME TO pix_docs_owner_idx;
DROP INDEX pix_docs_title_hash;
CREATE INDEX pix_docs_title_hash ON pix_docs USING hash (lower(title));
DROP INDEX IF EXISTS pix_docs_absent;
-- +down postgres
DROP INDEX pix_docs_title_hash;
CREATE INDEX pix_docs_title_hash ON pix_docs USING hash (title);
ALTER INDEX pix_docs_owner_idx RENAME TO pix_docs_owner;
