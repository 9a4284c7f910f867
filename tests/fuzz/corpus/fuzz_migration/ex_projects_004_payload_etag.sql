-- revision: 004_payload_etag
-- revises: 003_project_events
-- message: payloads get an etag too

-- +up
ALTER TABLE project_payloads ADD COLUMN etag varchar(64);
