-- revision: 002
-- revises: 001
-- message: constraints added, validated, renamed, altered

-- +up postgres
ALTER TABLE pk_child ADD CONSTRAINT pk_child_alt_check CHECK (alt IS NULL OR alt <> '') NOT VALID;
ALTER TABLE pk_child ADD CONSTRAINT pk_child_alt_nonempty CHECK (length(alt) > 0);
ALTER TABLE pk_child VALIDATE CONSTRAINT pk_child_alt_check;
ALTER TABLE pk_child ADD CONSTRAINT pk_child_parent_fk2 FOREIGN KEY (parent_id) REFERENCES pk_parent (id) NOT VALID;
ALTER TABLE pk_child RENAME CONSTRAINT pk_child_other_fk TO pk_child_other_id_fkey;
ALTER TABLE pk_child ALTER CONSTRAINT pk_child_other_id_fkey NOT DEFERRABLE;
ALTER TABLE pk_parent ADD CONSTRAINT pk_parent_qty_max CHECK (qty < 1000);
CREATE UNIQUE INDEX pk_parent_alt_idx ON pk_parent (alt);
ALTER TABLE pk_parent ADD CONSTRAINT pk_parent_alt_unique UNIQUE USING INDEX pk_parent_alt_idx;
ALTER TABLE pk_child ADD UNIQUE (parent_id, other_id);
ALTER TABLE pk_child ADD CHECK (other_id > 0);
-- +down postgres
ALTER TABLE pk_child DROP CONSTRAINT pk_child_other_id_check;
ALTER TABLE pk_child DROP CONSTRAINT pk_child_parent_id_other_id_key;
ALTER TABLE pk_parent DROP CONSTRAINT pk_parent_alt_unique;
ALTER TABLE pk_parent DROP CONSTRAINT pk_parent_qty_max;
ALTER TABLE pk_child ALTER CONSTRAINT pk_child_other_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE pk_child RENAME CONSTRAINT pk_child_other_id_fkey TO pk_child_other_fk;
ALTER TABLE pk_child DROP CONSTRAINT pk_child_parent_fk2;
ALTER TABLE pk_child DROP CONSTRAINT pk_child_alt_nonempty;
ALTER TABLE pk_child DROP CONSTRAINT pk_child_alt_check;
