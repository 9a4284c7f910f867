# schema_verify.sh - `verify` runs the applied revisions' +verify queries
# (no row, a false first value or an error fails, naming revision and
# file:line) and finds drift against what the chain builds at the
# database's revision: an index dropped and a table added by hand are
# named, exit 3 (issue 17).
# dialects: sqlite postgres mysql
write_migration 1_users.sql <<'SQL'
-- revision: 1_users
-- +up
CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));
CREATE INDEX users_name ON users (name);
INSERT INTO users VALUES (1, 'a');
-- +verify
SELECT count(*) FROM users;
SELECT count(*) = 1 FROM users WHERE name = 'a';
SQL
write_migration 2_age.sql <<'SQL'
-- revision: 2_age
-- revises: 1_users
-- +up
ALTER TABLE users ADD COLUMN age integer;
-- +verify
SELECT 1 FROM users WHERE age IS NOT NULL;
SQL
new_db
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" verify
expect_rc 3
expect_out 'verify 2_age migrations/2_age.sql:6: returned no row'
expect_err 'verify failed: 1 query failed, 0 objects drifted'
db_sql "UPDATE users SET age = 3"
st --url "$URL" verify
expect_rc 0
expect_out 'verify: ok: 3 queries passed'

# Drift: an index dropped, a table added by hand.
case "$DIALECT" in
mysql) db_sql "DROP INDEX users_name ON users" ;;
*) db_sql "DROP INDEX users_name" ;;
esac
db_sql "CREATE TABLE extra (x integer)"
st --url "$URL" verify
expect_rc 3
expect_out 'drift index users.users_name: only in the chain'
expect_out 'drift table extra: only in the database'
st --url "$URL" --json verify
expect_rc 3
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
got = sorted((c["kind"], c["name"], c["change"]) for c in d["drift"])
assert got == [("index", "users_name", "only in the chain"),
               ("table", "extra", "only in the database")], got
assert d["queries"] == 3 and d["failures"] == [] and d["exit_code"] == 3, d' ||
    fail "the --json verify does not name the drifted objects"

# At an earlier revision, its own queries and its own schema.
db_sql "DROP TABLE extra"
st --url "$URL" downgrade 1_users
expect_rc 0
case "$DIALECT" in
mysql) db_sql "CREATE INDEX users_name ON users (name)" ;;
*) db_sql "CREATE INDEX users_name ON users (name)" ;;
esac
st --url "$URL" verify
expect_rc 0
expect_out '2 queries passed'
