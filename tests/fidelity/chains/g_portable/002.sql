-- revision: 002
-- revises: 001
-- message: json and uuid columns added

-- +up
ALTER TABLE gp_docs ADD COLUMN extra json;
ALTER TABLE gp_docs ADD COLUMN owner uuid;
-- +down
ALTER TABLE gp_docs DROP COLUMN owner;
ALTER TABLE gp_docs DROP COLUMN extra;
