# autogenerate.sh - `revision --autogenerate`: a development database
# changed by hand in every portable way (a new table, a column added and
# one dropped, a type, a nullability, a default, an index dropped and one
# made, a unique, a check, a foreign key, a table dropped) gives a file
# that, applied to a fresh database at the chain's head, makes `diff`
# find it equal to the hand-made one; its down goes back; a second run
# writes nothing; --against reads a dump file (issue 17).
# dialects: sqlite postgres mysql
write_migration 1_base.sql <<'SQL'
-- revision: 1_base
-- +up
CREATE TABLE users (id integer PRIMARY KEY, email varchar(100) NOT NULL,
                    name varchar(100), age integer, status varchar(20));
CREATE INDEX users_name ON users (name);
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer,
                     total integer, note varchar(200));
CREATE TABLE legacy (id integer PRIMARY KEY, memo varchar(50));
SQL
new_db dev
DEV=$URL DEV_FILE=${DBFILE:-} DEV_NAME=${DBNAME:-}
st --url "$DEV" upgrade
expect_rc 0

# What PostgreSQL and MariaDB write alike.
SERVER_EDITS="ALTER TABLE users ADD COLUMN nickname varchar(50);
ALTER TABLE users DROP COLUMN age;
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active';
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE orders DROP COLUMN note;
ALTER TABLE orders ADD COLUMN remark varchar(200);
DROP TABLE legacy;"
case "$DIALECT" in
sqlite) # No ALTER COLUMN: the tables made again by hand, as sqlite3 users
    # do, the columns kept as declared (VARCHAR); the type changes to
    # another affinity (SQLite's ALTER TYPE within one is a no-op).
    db_sql "DROP TABLE orders; DROP TABLE users; DROP TABLE legacy;
CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL,
    name VARCHAR(100) NOT NULL, status VARCHAR(20) DEFAULT 'active',
    nickname varchar(50), CONSTRAINT users_email_key UNIQUE (email));
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER,
    total NUMERIC(12,2), remark VARCHAR(200),
    CONSTRAINT orders_total_check CHECK (total >= 0),
    CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE);" ||
        fail "hand edits" ;;
postgres)
    db_sql "$SERVER_EDITS
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
DROP INDEX users_name;" || fail "hand edits" ;;
mysql)
    db_sql "$SERVER_EDITS
ALTER TABLE orders MODIFY total bigint;
ALTER TABLE users MODIFY name varchar(100) NOT NULL;
DROP INDEX users_name ON users;" || fail "hand edits" ;;
esac
# The same on every engine: a new table with a unique and a foreign key,
# an index made.
db_sql "CREATE TABLE tags (id integer PRIMARY KEY,
    label varchar(40) NOT NULL, order_id integer,
    CONSTRAINT tags_label_key UNIQUE (label),
    CONSTRAINT tags_order_id_fkey FOREIGN KEY (order_id)
        REFERENCES orders (id));
CREATE INDEX orders_total ON orders (total DESC, user_id);" ||
    fail "hand edits (tags)"
if [ "$DIALECT" != mysql ]; then # MySQL has no partial index
    db_sql "CREATE INDEX users_active ON users (lower(email))
        WHERE status = 'active';" || fail "hand edits (partial index)"
fi

st --url "$DEV" diff chain:head "$DEV"
expect_rc 3
st --url "$DEV" revision --autogenerate -m "hand edits"
expect_rc 0
FILE=$OUT
[ -f "$FILE" ] || fail "no file written: $FILE"
BODY=$(cat "$FILE")
case "$BODY" in *"-- +up"*"DROP TABLE legacy"*) ;;
*) fail "no DROP TABLE legacy in $FILE: $BODY" ;; esac
case "$BODY" in *"-- review: orders.note is dropped and remark added"*) ;;
*) fail "no review comment naming the likely rename: $BODY" ;; esac
case "$BODY" in *"-- +down"*) ;;
*) fail "drops need a written +down: $BODY" ;; esac

# Applied to a fresh database, the chain's head plus the new file build
# what the hand-made database is.
new_db fresh
# A type change on MySQL copies the table: it takes the locking form.
st --url "$URL" upgrade --allow-locking
expect_rc 0
st --url "$URL" diff "$URL" "$DEV"
expect_rc 0
expect_out 'the schemas are equal'
# Its down goes back to what the chain built before.
st --url "$URL" downgrade --allow-locking 1_base
expect_rc 0
st --url "$URL" diff chain:1_base "$URL"
expect_rc 0

# Nothing left to write: exit 0, no file.
st --url "$DEV" --json revision --autogenerate -m again
expect_rc 0
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
assert d["changes"] == 0 and d["path"] is None, d' ||
    fail "the --json answer does not say no changes"
[ "$(find migrations -name '*.sql' | wc -l)" -eq 2 ] ||
    fail "a second autogenerate wrote a file"

URL=$DEV DBFILE=$DEV_FILE DBNAME=$DEV_NAME
# --against a dump file: equal to the head now, and after one more
# change (a column) to the dump, that change.
st --url "$DEV" schema dump --format json -o dev.json
expect_rc 0
st --url "$DEV" revision --autogenerate --against dev.json -m same
expect_rc 0
expect_err 'no changes'
db_sql "ALTER TABLE tags ADD COLUMN color varchar(10)" || fail "add color"
st --url "$DEV" schema dump --format json -o dev.json
st --url "$DEV" --json revision --autogenerate --against dev.json -m color
expect_rc 0
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
assert d["changes"] == 1 and d["path"].endswith("_color.sql"), d
assert "ADD COLUMN color" in open(d["path"]).read()' ||
    fail "--against a dump file did not write the added column"

st --url "$DEV" revision --against dev.json -m x
expect_rc 2
expect_err '--against goes with --autogenerate'
