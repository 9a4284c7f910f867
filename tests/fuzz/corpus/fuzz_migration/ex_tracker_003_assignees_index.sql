-- revision: 003_assignees_index
-- revises: 002_assignees
-- message: fix: "my open issues" filters on status too

-- +up
CREATE INDEX idx_issues_assignee_status ON issues (assignee, status);
DROP INDEX idx_issues_assignee;
