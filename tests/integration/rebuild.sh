# rebuild.sh - a table rebuild keeps every row, index, trigger and view:
# 100,000 rows get a CHECK and lose a NOT NULL in one migration.
# dialects: sqlite
new_db
db_sql "
CREATE TABLE items (id integer PRIMARY KEY, sku text NOT NULL, qty integer NOT NULL, note text);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO items (sku, qty, note) SELECT 'sku-' || i, i % 50, 'n' || i FROM n;
CREATE INDEX items_sku ON items (sku);
CREATE INDEX items_qty ON items (qty DESC);
CREATE TABLE audit (item integer, at text);
CREATE TRIGGER items_audit AFTER UPDATE ON items BEGIN INSERT INTO audit VALUES (NEW.id, 'now'); END;
CREATE VIEW big_items AS SELECT id, sku FROM items WHERE qty > 40;
CREATE TABLE lines (id integer PRIMARY KEY, item integer REFERENCES items (id));
INSERT INTO lines (item) VALUES (1), (50000);"
# A fingerprint of every row and column: a rebuild that loses a value,
# a row or a column changes it.
rows() { db_sql "SELECT count(*) FROM items; SELECT * FROM items ORDER BY id" | sha256sum; }
rows_before=$(rows)
expect_eq "$(db_sql "SELECT count(*) FROM items WHERE note IS NOT NULL")" 100000 "notes before"
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty >= 0);
ALTER TABLE items ALTER COLUMN note DROP NOT NULL;
ALTER TABLE items ALTER COLUMN sku DROP NOT NULL;
SQL
st --url "$URL" -v upgrade
expect_rc 0
expect_out "table rebuilt"
expect_eq "$(rows)" "$rows_before" "every row after the rebuild"
expect_eq "$(db_sql "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE tbl_name IN ('items', 'big_items') ORDER BY name)")" \
    "big_items,items,items_audit,items_qty,items_sku" "objects after the rebuild"
expect_eq "$(db_sql "SELECT count(*) FROM big_items")" 18000 "rows through the view"
db_sql "UPDATE items SET qty = 1 WHERE id = 7"
expect_eq "$(db_count audit)" 1 "the trigger still fires"
if db_sql "UPDATE items SET qty = -1 WHERE id = 8" 2>/dev/null; then
    fail "a row breaking the new CHECK was accepted"
fi
db_sql "UPDATE items SET sku = NULL WHERE id = 9" || fail "sku is still NOT NULL"
expect_eq "$(db_sql "PRAGMA foreign_key_check")" "" "foreign key check"
expect_eq "$(db_sql "SELECT count(*) FROM lines JOIN items ON items.id = lines.item")" 2 \
    "child rows still find their parents"
# One rebuild for three operations: a single CREATE of the new table.
expect_eq "$(printf '%s\n' "$OUT" | grep -c 'sql: CREATE TABLE "strata_new_items"')" 1 \
    "rebuilds"
