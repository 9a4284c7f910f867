# schema_diff.sh - `diff A B` of URLs, JSON dump files and chain:REV: a
# database edited by hand (an index dropped, a column added) differs from
# what the chain builds, object by object, exit 3; equal is exit 0;
# across dialects only what the portable model expresses is compared,
# and the skipped parts are named (issue 17).
# dialects: sqlite postgres mysql
write_migration 1_base.sql <<'SQL'
-- revision: 1_base
-- +up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL,
                    name text);
CREATE INDEX users_name ON users (name);
CREATE TABLE orders (id integer PRIMARY KEY,
                     user_id integer REFERENCES users (id));
SQL
new_db
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" diff chain:head "$URL"
expect_rc 0
expect_out 'the schemas are equal'
st --url "$URL" schema dump --format json -o before.json
expect_rc 0

# Edited by hand: an index dropped, a column added.
case "$DIALECT" in
mysql) db_sql "DROP INDEX users_name ON users" ;;
*) db_sql "DROP INDEX users_name" ;;
esac
db_sql "ALTER TABLE users ADD COLUMN nickname text"
st --url "$URL" diff chain:head "$URL"
expect_rc 3
expect_out 'index users.users_name: only in A'
expect_out 'column users.nickname: only in B'
expect_err 'the schemas differ: 2 differences'
st --url "$URL" --json diff before.json "$URL"
expect_rc 3
printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
assert d["command"] == "diff" and d["equal"] is False and d["exit_code"] == 3, d
got = sorted((c["kind"], c["table"], c["name"], c["change"]) for c in d["differences"])
assert got == [("column", "users", "nickname", "only in B"),
               ("index", "users", "users_name", "only in A")], got' ||
    fail "the --json diff does not name the two objects"

# A dump file against itself, and the chain against the dump taken at
# head, are equal.
st --url "$URL" diff before.json before.json
expect_rc 0
st --url "$URL" diff chain: before.json
expect_rc 0

# A changed definition is "differs", with both sides.
case "$DIALECT" in
sqlite) ;; # SQLite has no ALTER COLUMN
postgres) db_sql "ALTER TABLE users ALTER COLUMN name SET NOT NULL" ;;
mysql) db_sql "ALTER TABLE users MODIFY name longtext NOT NULL" ;;
esac
if [ "$DIALECT" != sqlite ]; then
    st --url "$URL" diff before.json "$URL"
    expect_rc 3
    expect_out 'column users.name: differs'
    expect_out 'NOT NULL'
fi

# Bad operands.
st --url "$URL" diff nosuch.json "$URL"
expect_rc 2
expect_err 'neither a database URL, a dump file nor chain:REV'
st --url "$URL" schema dump -o before.sql
st --url "$URL" diff before.sql "$URL"
expect_rc 2
expect_err 'not a JSON dump'

# Across dialects: a SQLite database built from the same chain matches
# on what the portable model expresses, and the skipped parts are said.
if [ "$DIALECT" != sqlite ]; then
    st --url "sqlite:///$WORK/other.db" upgrade
    expect_rc 0
    new_db again
    st --url "$URL" upgrade
    expect_rc 0
    st --url "$URL" diff "sqlite:///$WORK/other.db" "$URL"
    expect_rc 0
    expect_out 'compared across dialects'
    expect_out 'skipped: column types'
fi
