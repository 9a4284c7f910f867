# schema_dump.sh - `schema dump` is stable: byte-equal across runs and
# across two databases built the same way; --from-chain (the chain
# applied to a scratch database of the engine) equals the dump of the
# live database at head; dump_schema is written after each migrating run
# and check fails on a stale committed file (issue 17).
# dialects: sqlite postgres mysql
write_schema_chain() {
    write_migration 1_base.sql <<'SQL'
-- revision: 1_base
-- +up
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE,
                    name text DEFAULT 'x', age integer CHECK (age > 0));
CREATE INDEX users_name ON users (name);
CREATE TABLE orders (id integer PRIMARY KEY,
                     user_id integer REFERENCES users (id) ON DELETE CASCADE);
SQL
    write_migration 2_more.sql <<'SQL'
-- revision: 2_more
-- revises: 1_base
-- +up
ALTER TABLE orders ADD COLUMN total integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX orders_user_total ON orders (user_id, total);
-- +up sqlite
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE TRIGGER users_touch AFTER INSERT ON users BEGIN SELECT 1; END;
-- +up postgres
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE SEQUENCE free_seq START 5;
CREATE INDEX users_lower ON users (lower(email)) WHERE age > 1;
-- +up mysql
CREATE VIEW v_users AS SELECT id, email FROM users;
CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW SET NEW.name = 'y';
SQL
}
write_schema_chain

new_db one
ONE=$URL
st --url "$ONE" upgrade
expect_rc 0
st --url "$ONE" schema dump
expect_rc 0
expect_out 'CREATE TABLE'
expect_out 'users_name'
expect_out 'v_users'
expect_no_out 'strata_history'
expect_no_out 'strata_version'
FIRST=$OUT
st --url "$ONE" schema dump
expect_eq "$OUT" "$FIRST" "a second dump of the same database"

# Two databases built the same way dump alike (JSON too).
new_db two
TWO=$URL
st --url "$TWO" upgrade
expect_rc 0
st --url "$TWO" schema dump
expect_eq "$OUT" "$FIRST" "the dump of a second database built alike"
st --url "$ONE" schema dump --format json -o one.json
expect_rc 0
st --url "$TWO" schema dump -o two.json
expect_rc 0
cmp -s one.json two.json || fail "the JSON dumps of two databases differ"
python3 -c 'import json,sys; d = json.load(open("one.json"))
assert d["format"] == "strata-schema" and d["dialect"] == sys.argv[1], d
names = [t["name"] for t in d["tables"]]
assert names == sorted(names) == ["orders", "users"], names
assert [v["name"] for v in d["views"]] == ["v_users"]' "$DIALECT" ||
    fail "one.json is not the documented dump"

# What the chain builds, in a scratch database, equals the live dump; the
# scratch database is gone afterwards.
scratch_files() { find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'strata-strata_scratch_*' | wc -l; }
BEFORE=$(scratch_files)
st --url "$ONE" schema dump --from-chain
expect_rc 0
expect_eq "$OUT" "$FIRST" "schema dump --from-chain at head"
st --url "$ONE" schema dump --from-chain 1_base
expect_rc 0
expect_no_out 'v_users'
expect_out 'users_name'
case "$DIALECT" in
postgres) [ -z "$(psql -X -At -d "$STRATA_TEST_PG_URL" -c \
    "SELECT datname FROM pg_database WHERE datname LIKE 'strata_scratch%'")" ] ||
    fail "a scratch database was left behind" ;;
mysql) [ -z "$(my_client -N -B -e "SHOW DATABASES LIKE 'strata\\_scratch%'")" ] ||
    fail "a scratch database was left behind" ;;
sqlite) [ "$(scratch_files)" = "$BEFORE" ] ||
    fail "a scratch file was left behind" ;;
esac

# --format is checked; a revision needs --from-chain.
st --url "$ONE" schema dump --format xml
expect_rc 2
expect_err 'use sql or json'
st --url "$ONE" schema dump 1_base
expect_rc 2
expect_err 'go with --from-chain'

# dump_schema: written after each migrating run, checked by check.
new_db three
cat >strata.ini <<INI
[strata]
migrations = migrations
dump_schema = schema.sql
[dev]
url = $URL
INI
st upgrade 1_base
expect_rc 0
grep -q 'users_name' schema.sql || fail "dump_schema was not written by upgrade"
grep -q 'v_users' schema.sql && fail "dump_schema holds a later revision"
st upgrade
expect_rc 0
expect_eq "$(cat schema.sql)" "$FIRST" "dump_schema after upgrade to head"
st check
expect_rc 0
printf -- '-- edited by hand\n' >>schema.sql
st check
expect_rc 3
expect_out 'schema-file-stale'
expect_out 'schema.sql'
rm schema.sql
st check
expect_rc 3
expect_out 'is missing'
st schema dump --from-chain -o schema.sql
expect_rc 0
st check
expect_rc 0
