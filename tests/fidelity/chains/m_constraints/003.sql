-- revision: 003
-- revises: 002
-- message: NOT NULL set and dropped

-- +up mysql
ALTER TABLE mk_child MODIFY note varchar(10) NOT NULL DEFAULT '';
ALTER TABLE mk_parent MODIFY code varchar(10) NULL;
-- +down mysql
ALTER TABLE mk_parent MODIFY code varchar(10) NOT NULL;
ALTER TABLE mk_child MODIFY note varchar(10);
