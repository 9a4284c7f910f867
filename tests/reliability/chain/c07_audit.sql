-- revision: c07_audit
-- revises: c06_status
-- message: raw rows between DDL statements: on MySQL each DDL commits on
--   its own, and a re-run must not write the rows twice
-- +up
CREATE TABLE audit (id integer PRIMARY KEY, what varchar(100) NOT NULL);
INSERT INTO audit (id, what) VALUES (1, 'before the column');
ALTER TABLE items ADD COLUMN price integer;
INSERT INTO audit (id, what) VALUES (2, 'before the index');
CREATE INDEX items_price ON items (price);
UPDATE items SET price = qty * 10 WHERE id <= 1000;
-- +down
DROP INDEX items_price;
ALTER TABLE items DROP COLUMN price;
DROP TABLE audit;
