-- revision: 002_assignees
-- revises: 001_base
-- branch: assignees
-- message: an assignee per issue

-- +up
-- issues existed before this migration: the index is built online
-- (CONCURRENTLY on PostgreSQL, ALGORITHM=INPLACE, LOCK=NONE on MySQL).
ALTER TABLE issues ADD COLUMN assignee varchar(100);
CREATE INDEX idx_issues_assignee ON issues (assignee);
