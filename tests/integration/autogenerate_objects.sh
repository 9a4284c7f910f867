# autogenerate_objects.sh - `revision --autogenerate` of what only the
# engine's own section can say: a view, a trigger, a sequence, an
# auto-numbered column (serial, AUTO_INCREMENT, the rowid alias), an
# expression in the engine's syntax; applied to a fresh database it gives
# the same schema, and its down goes back (issue 17).
# dialects: sqlite postgres mysql
write_migration 1_base.sql <<'SQL'
-- revision: 1_base
-- +up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);
SQL
new_db dev
DEV=$URL
st --url "$DEV" upgrade
expect_rc 0
case "$DIALECT" in
postgres) db_sql "CREATE TABLE items (id serial PRIMARY KEY, name varchar(20) DEFAULT 'x', price numeric(10,2) CHECK (price > 0), body text DEFAULT ''::text, created timestamp DEFAULT now());
CREATE VIEW v_items AS SELECT id, name FROM items;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NEW; END\$\$;
CREATE TRIGGER tr BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION f();
CREATE SEQUENCE counter;" ;;
mysql) db_sql "CREATE TABLE items (id int AUTO_INCREMENT PRIMARY KEY, name varchar(20) DEFAULT 'x', price decimal(10,2) CHECK (price > 0), body text, created datetime DEFAULT CURRENT_TIMESTAMP);
CREATE VIEW v_items AS SELECT id, name FROM items;
CREATE TRIGGER tr BEFORE INSERT ON items FOR EACH ROW SET NEW.name = 'y';" ;;
sqlite) db_sql "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name text DEFAULT 'x', price numeric(10,2) CHECK (price > 0), created timestamp DEFAULT CURRENT_TIMESTAMP);
CREATE VIEW v_items AS SELECT id, name FROM items;
CREATE TRIGGER tr BEFORE INSERT ON items BEGIN SELECT 1; END;" ;;
esac
st --url "$DEV" revision --autogenerate -m extras
expect_rc 0
BODY=$(cat "$OUT")
case "$BODY" in *"-- +up $DIALECT"*"CREATE VIEW"*"-- +down $DIALECT"*"DROP VIEW v_items;"*) ;;
*) fail "the view is not in a section of $DIALECT: $BODY" ;; esac
# A portable copy for the other engines: serial, not AUTO_INCREMENT.
if [ "$DIALECT" = mysql ]; then
    case "$BODY" in *"-- +up "*"postgres"*"id serial NOT NULL"*) ;;
    *) fail "no portable copy of items for the other engines: $BODY" ;; esac
fi
new_db fresh
# The trigger's function is no part of the schema strata reads.
[ "$DIALECT" = postgres ] && db_sql "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NEW; END\$\$;"
st --url "$URL" upgrade --allow-locking
expect_rc 0
st --url "$URL" diff "$URL" "$DEV"
expect_rc 0
st --url "$URL" downgrade 1_base
expect_rc 0
st --url "$URL" diff "$URL" chain:1_base
expect_rc 0
