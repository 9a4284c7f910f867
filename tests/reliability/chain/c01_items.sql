-- revision: c01_items
-- message: a table with rows, filled in the migration's transaction
-- +up
CREATE TABLE items (
    id integer PRIMARY KEY,
    sku varchar(40) NOT NULL,
    note varchar(200),
    qty integer NOT NULL DEFAULT 0
);
-- +up sqlite
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)
INSERT INTO items (id, sku, note, qty) SELECT x, 'sku-' || x, 'note ' || x, x % 100 FROM c;
-- +up postgres
INSERT INTO items (id, sku, note, qty)
SELECT x, 'sku-' || x, 'note ' || x, x % 100 FROM generate_series(1, 20000) AS x;
-- +up mysql
INSERT INTO items (id, sku, note, qty)
SELECT seq, concat('sku-', seq), concat('note ', seq), seq % 100 FROM seq_1_to_20000;
-- +down
DROP TABLE items;
