# stairway.sh - `strata test`, the stairway, on a scratch database: a
# down that forgets an index and one that drops too much are caught
# naming the revision and the object; a raw +up without a +down, a
# failing +verify query and two heads fail too (exit 3); the configured
# database is not touched; --junit writes JUnit XML that the common
# schema's shape accepts (tests/junit_check.py); the examples' chains
# pass (issue 17).
# dialects: sqlite postgres mysql
write_migration 1_users.sql <<'SQL'
-- revision: 1_users
-- +up
CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));
-- +down
DROP TABLE users;
-- +verify
SELECT count(*) = 0 FROM users;
SQL
write_migration 2_email.sql <<'SQL'
-- revision: 2_email
-- revises: 1_users
-- +up
ALTER TABLE users ADD COLUMN email varchar(100);
CREATE INDEX users_email ON users (email);
SQL
new_db
st --url "$URL" test
expect_rc 0
expect_out 'ok    1_users'
expect_out 'ok    2_email'
expect_out 'test: 2 revisions on '"$DIALECT"', 1 +verify query: 0 checks failed'
# Never the configured database: it is as empty as it was.
st --url "$URL" status
expect_out '0 applied, 2 pending'

# A down that forgets the index it should drop.
# (SQLite and MariaDB drop an index with its last column: the index
# the down forgets is on a column it keeps.)
write_migration 3_orders.sql <<'SQL'
-- revision: 3_orders
-- revises: 2_email
-- +up
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer, total integer);
CREATE INDEX orders_user ON users (name);
-- +down
DROP TABLE orders;
SQL
st --url "$URL" test --junit "$WORK/report.xml"
expect_rc 3
expect_out 'FAIL  3_orders'
expect_out '3_orders: its down leaves index users.orders_user (name) behind'
expect_err 'test failed: 1 of 4 checks failed'
python3 "$ROOT/tests/junit_check.py" "$WORK/report.xml" --summary >"$WORK/summary" ||
    fail "the JUnit report does not have the common schema's shape"
grep -q "^failure	strata.stairway	3_orders	3_orders: its down leaves index users.orders_user" "$WORK/summary" ||
    fail "the JUnit report does not fail 3_orders naming the index: $(cat "$WORK/summary")"
grep -q "^passed	strata.stairway	2_email	" "$WORK/summary" &&
    grep -q "^passed	strata.chain	one head	" "$WORK/summary" ||
    fail "the JUnit report lacks the passed cases: $(cat "$WORK/summary")"

# A down that drops too much: the table an earlier revision made.
cat >"$WORK/migrations/3_orders.sql" <<'SQL'
-- revision: 3_orders
-- revises: 2_email
-- +up
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer, total integer);
-- +down
DROP TABLE orders;
DROP TABLE users;
SQL
st --url "$URL" --json test
expect_rc 3
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
assert d["command"] == "test" and d["exit_code"] == 3, d
c = {x["name"]: x for x in d["checks"]}
assert c["1_users"]["status"] == "passed" and c["one head"]["status"] == "passed", c
f = c["3_orders"]["failures"]
assert c["3_orders"]["status"] == "failed" and f[0]["check"] == "down", f
assert f[0]["object"] == "table users", f
assert "3_orders: its down removes table users" in f[0]["message"], f' ||
    fail "the --json test does not name the table the down removes"

# No down, none derivable (raw SQL); a +verify query that fails; the
# chain goes on after a refused down.
cat >"$WORK/migrations/3_orders.sql" <<'SQL'
-- revision: 3_orders
-- revises: 2_email
-- +up
CREATE TABLE orders (id integer PRIMARY KEY, user_id integer, total integer);
-- +up sqlite, postgres, mysql
INSERT INTO orders (id, user_id, total) VALUES (1, 1, 5);
-- +verify
SELECT count(*) FROM orders WHERE total > 10;
SQL
write_migration 4_more.sql <<'SQL'
-- revision: 4_more
-- revises: 3_orders
-- +up
CREATE TABLE more (id integer);
SQL
st --url "$URL" test
expect_rc 3
expect_out '3_orders: no down: '
expect_out "3_orders: +verify at migrations/3_orders.sql:8 returned 0"
expect_out 'ok    4_more'

# A failed upgrade stops the stairway: the rest is skipped.
cat >"$WORK/migrations/3_orders.sql" <<'SQL'
-- revision: 3_orders
-- revises: 2_email
-- +up
CREATE TABLE orders (id integer REFERENCES nowhere_at_all (id));
-- +up sqlite
INSERT INTO nowhere_at_all VALUES (1);
SQL
st --url "$URL" --json test
expect_rc 3
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
c = {x["name"]: x for x in d["checks"]}
assert c["3_orders"]["failures"][0]["check"] == "upgrade", c["3_orders"]
assert c["4_more"]["status"] == "skipped", c["4_more"]' ||
    fail "a failed upgrade does not stop the stairway"
expect_err 'stopped at 3_orders'

# Two heads fail the chain check, unless --allow-heads.
rm "$WORK/migrations/3_orders.sql" "$WORK/migrations/4_more.sql"
write_migration 3_b.sql <<'SQL'
-- revision: 3_b
-- revises: 1_users
-- +up
CREATE TABLE b (id integer);
SQL
st --url "$URL" test
expect_rc 3
expect_out 'FAIL  one head'
expect_out 'the chain has 2 heads: 2_email, 3_b'
st --url "$URL" test --allow-heads
expect_rc 0
# A merge is upgraded and verified; it has no one step down.
st merge -m join heads
expect_rc 0
st --url "$URL" test
expect_rc 0
expect_out 'test: 4 revisions on '

# The examples' chains pass, each on a scratch database of its own.
for ex in projects scheduler signals tracker ci; do
    st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" test \
        --allow-heads --junit "$WORK/$ex.xml"
    expect_rc 0 "examples/$ex"
    python3 "$ROOT/tests/junit_check.py" "$WORK/$ex.xml" ||
        fail "examples/$ex: the JUnit report is malformed"
done

# A server user who may not create databases: the configured database
# itself, when it is empty, is left empty again.
if [ "$DIALECT" = postgres ]; then
    role="st_nocreate_$$"
    psql -X -q -d "$STRATA_TEST_PG_URL" -c "CREATE ROLE $role LOGIN" \
        -c "ALTER DATABASE $DBNAME OWNER TO $role" >/dev/null ||
        fail "cannot create role $role"
    mine=$(printf '%s' "$URL" | sed "s|://[^@]*@|://$role@|")
    st --url "$mine" test --allow-heads
    expect_rc 0
    expect_err 'may not create databases'
    expect_err 'itself, which must be empty'
    expect_eq "$(db_sql "SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'b')")" 0 \
        "tables left in the given database"
    db_sql "CREATE TABLE keep_me (id integer)"
    st --url "$mine" test --allow-heads
    expect_rc 3
    expect_err 'is not empty'
    expect_eq "$(db_sql "SELECT count(*) FROM keep_me")" 0 "keep_me"
    psql -X -q -d "$URL" -c "REASSIGN OWNED BY $role TO postgres" \
        -c "DROP OWNED BY $role" >/dev/null
    psql -X -q -d "$STRATA_TEST_PG_URL" -c "DROP ROLE $role" >/dev/null ||
        fail "cannot drop role $role"
fi
