-- revision: c06_status
-- revises: c05_qty_check
-- message: every statement on its own, committed with a progress row
--   after each (the UPDATE may run twice: it is written to be harmless)
-- transaction: none
-- +up
ALTER TABLE orders ADD COLUMN status varchar(20) NOT NULL DEFAULT 'new';
UPDATE orders SET status = 'paid' WHERE amount > 50;
CREATE INDEX orders_status ON orders (status);
-- +down
DROP INDEX orders_status;
ALTER TABLE orders DROP COLUMN status;
