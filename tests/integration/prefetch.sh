# prefetch.sh - a run reads once, up front, whether each table its CREATE
# TABLEs and DROP TABLEs name is there, rather than asking before each
# one (a round trip per migration on a server, bench/scale.sh): taking a
# chain down asks nothing per DROP TABLE.  What a migration changes is
# asked again: a table dropped and created again in one run is created.
# SQLite's driver has no tables_exist (docs/abi.md §4.5c): its answer
# before a DROP TABLE is SQLite's own hash of the schema, in process.
# dialects: sqlite postgres mysql
new_db
# Where the run's prefetch answered, a DROP TABLE asks nothing.
case "$DIALECT" in
sqlite) up="1 1" down="1 1 1 2" ;;
*) up="0 1" down="0 1 0 1" ;;
esac
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer);
CREATE TABLE b (id integer);
-- +down
DROP TABLE b;
DROP TABLE a;
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE c (id integer);
-- +down
DROP TABLE c;
SQL
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
DROP TABLE a;
-- +down
CREATE TABLE a (id integer);
SQL
write_migration 4.sql <<'SQL'
-- revision: r4
-- revises: r3
-- +up
CREATE TABLE a (id integer, x integer);
-- +down
DROP TABLE a;
SQL

queries() {
    printf '%s' "$OUT" | python3 -c 'import json, sys
print(" ".join(str(m["catalog_queries"]) for m in json.load(sys.stdin)["migrations"]))'
}

st --url "$URL" upgrade r2
expect_rc 0 "up to r2"
# One run: a is there when it starts, r3 drops it, r4 creates it again.
st --url "$URL" --json upgrade head
expect_rc 0 "r3 and r4 in one run"
expect_eq "$(queries)" "$up" "catalog queries of r3 (a known there) and r4 (a changed since)"
expect_eq "$(db_sql "SELECT count(x) FROM a")" 0 "a created again, with column x"

st --url "$URL" --json downgrade base
expect_rc 0 "down to base"
expect_eq "$(queries)" "$down" \
    "catalog queries of r4, r3 (a dropped since the run began), r2, r1 (b known there, a created since)"
for t in a b c; do
    expect_eq "$(db_has_table $t)" 0 "table $t dropped"
done
