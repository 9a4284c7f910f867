-- revision: 002
-- revises: 001
-- message: a mixed-case column added and renamed

-- +up
ALTER TABLE OrderItems ADD COLUMN UnitPrice numeric(10,2);
ALTER TABLE OrderItems RENAME COLUMN Qty TO Quantity;
-- +down
ALTER TABLE OrderItems RENAME COLUMN Quantity TO Qty;
ALTER TABLE OrderItems DROP COLUMN UnitPrice;
