-- revision: 001
-- revises: base
-- message: unquoted mixed-case names

-- +up
CREATE TABLE OrderItems (ItemId integer PRIMARY KEY, OrderRef varchar(20) NOT NULL, Qty integer DEFAULT 1);
CREATE INDEX OrderItems_OrderRef ON OrderItems (OrderRef);
-- +down
DROP TABLE OrderItems;
