-- revision: 002
-- revises: 001
-- message: constraints added and dropped

-- +up mysql
ALTER TABLE mk_child ADD CONSTRAINT mk_child_id_check CHECK (id > 0);
ALTER TABLE mk_child ADD CONSTRAINT mk_child_parent_fk2 FOREIGN KEY (parent_id) REFERENCES mk_parent (id);
ALTER TABLE mk_parent ADD CONSTRAINT mk_parent_qty_max CHECK (qty < 1000);
ALTER TABLE mk_child DROP FOREIGN KEY mk_child_other_fk;
ALTER TABLE mk_child ADD UNIQUE (other_id, parent_id);
ALTER TABLE mk_child ADD CHECK (parent_id > 0);
ALTER TABLE mk_parent DROP CONSTRAINT IF EXISTS mk_parent_absent;
-- +down mysql
ALTER TABLE mk_child DROP CONSTRAINT CONSTRAINT_1;
ALTER TABLE mk_child DROP INDEX other_id;
ALTER TABLE mk_child ADD CONSTRAINT mk_child_other_fk FOREIGN KEY (other_id) REFERENCES mk_parent (id) ON DELETE SET NULL;
ALTER TABLE mk_parent DROP CONSTRAINT mk_parent_qty_max;
ALTER TABLE mk_child DROP FOREIGN KEY mk_child_parent_fk2;
ALTER TABLE mk_child DROP CONSTRAINT mk_child_id_check;
