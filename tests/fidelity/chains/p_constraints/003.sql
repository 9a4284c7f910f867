-- revision: 003
-- revises: 002
-- message: NOT NULL set and dropped, a constraint dropped

-- +up postgres
ALTER TABLE pk_child ALTER COLUMN alt SET NOT NULL;
ALTER TABLE pk_parent ALTER COLUMN code DROP NOT NULL;
ALTER TABLE pk_child DROP CONSTRAINT IF EXISTS pk_child_no_overlap;
ALTER TABLE pk_child DROP CONSTRAINT IF EXISTS pk_child_absent;
-- +down postgres
ALTER TABLE pk_child ADD CONSTRAINT pk_child_no_overlap EXCLUDE USING gist (parent_id WITH =, during WITH &&);
ALTER TABLE pk_parent ALTER COLUMN code SET NOT NULL;
ALTER TABLE pk_child ALTER COLUMN alt DROP NOT NULL;
