-- revision: 002
-- revises: 001
-- message: portable columns added

-- +up
ALTER TABLE gt_ints ADD COLUMN e varchar(7);
ALTER TABLE gt_ints ADD COLUMN f boolean NOT NULL DEFAULT false;
ALTER TABLE gt_ints ADD COLUMN g numeric(10,2);
ALTER TABLE gt_ints ADD COLUMN h date;
ALTER TABLE gt_ints ADD COLUMN i bigint NOT NULL DEFAULT 1;
-- +down
ALTER TABLE gt_ints DROP COLUMN i;
ALTER TABLE gt_ints DROP COLUMN h;
ALTER TABLE gt_ints DROP COLUMN g;
ALTER TABLE gt_ints DROP COLUMN f;
ALTER TABLE gt_ints DROP COLUMN e;
