-- revision: 002
-- revises: 001
-- message: columns with constraints added

-- +up
ALTER TABLE gc_child ADD COLUMN qty integer NOT NULL DEFAULT 0;
ALTER TABLE gc_parent ADD COLUMN label varchar(20);
-- +down
ALTER TABLE gc_parent DROP COLUMN label;
ALTER TABLE gc_child DROP COLUMN qty;
