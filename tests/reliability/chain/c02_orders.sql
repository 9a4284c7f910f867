-- revision: c02_orders
-- revises: c01_items
-- message: a second table referencing the first, with rows
-- +up
CREATE TABLE orders (
    id integer PRIMARY KEY,
    item_id integer NOT NULL REFERENCES items (id),
    amount integer NOT NULL DEFAULT 0
);
-- +up sqlite
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)
INSERT INTO orders (id, item_id, amount) SELECT x, x * 3, x % 97 FROM c;
-- +up postgres
INSERT INTO orders (id, item_id, amount)
SELECT x, x * 3, x % 97 FROM generate_series(1, 5000) AS x;
-- +up mysql
INSERT INTO orders (id, item_id, amount) SELECT seq, seq * 3, seq % 97 FROM seq_1_to_5000;
-- +down
DROP TABLE orders;
