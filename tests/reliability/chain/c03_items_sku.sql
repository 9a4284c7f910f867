-- revision: c03_items_sku
-- revises: c02_orders
-- message: an index built online: CONCURRENTLY on PostgreSQL (a segment
--   outside the transaction), DDL that commits on its own on MySQL
-- +up
CREATE UNIQUE INDEX CONCURRENTLY items_sku ON items (sku);
CREATE INDEX CONCURRENTLY orders_item ON orders (item_id);
