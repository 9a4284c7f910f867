-- revision: 002
-- revises: 001
-- message: a virtual column added

-- +up sqlite
ALTER TABLE sg_items ADD COLUMN double_qty INTEGER GENERATED ALWAYS AS (qty * 2) VIRTUAL;
ALTER TABLE sg_items ADD COLUMN upper_kind TEXT AS (upper(kind));
CREATE INDEX sg_items_dq ON sg_items (double_qty) WHERE double_qty > 2;
-- +down sqlite
DROP INDEX sg_items_dq;
ALTER TABLE sg_items DROP COLUMN upper_kind;
ALTER TABLE sg_items DROP COLUMN double_qty;
