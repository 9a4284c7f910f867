# adopt_catalog.sh - another tool's CREATE TABLE runs as written, so the
# engine names what the file leaves unnamed and strata's simulation of
# the table is a guess: a new index on it is decided without reading
# the table back (no catalog query per adopted migration: a read each
# made a 1,000-migration dbmate folder three times strata's own CPU
# time, bench/adopt.sh), while anything else on it, or an index whose
# name the simulation knows, reads the engine's catalog.
# dialects: sqlite postgres mysql
new_db
for i in 1 2 3; do
    write_migration "00000${i}_t$i.sql" <<SQL
-- migrate:up
CREATE TABLE t$i (id integer PRIMARY KEY, name varchar(64));
CREATE INDEX t${i}_name ON t$i (name);
-- migrate:down
DROP TABLE t$i;
SQL
done
st --url "$URL" --json upgrade
expect_rc 0 "a dbmate folder"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json, sys
print(" ".join(str(m["catalog_queries"]) for m in json.load(sys.stdin)["migrations"]))')" \
    "0 0 0" "catalog queries per adopted migration (a table and its index)"
for i in 1 2 3; do
    expect_eq "$(db_has_index "t${i}_name")" 1 "index t${i}_name"
done
st --url "$URL" downgrade base
expect_rc 0 "down"
expect_eq "$(db_has_table t1)" 0 "t1 dropped"

# The engine's names for what the file left unnamed: MariaDB names a
# column's UNIQUE after the column, PostgreSQL <table>_<column>_key.
case "$DIALECT" in
mysql)
    drop='DROP INDEX code ON w;'
    gone="$(printf '%s' code)"
    ;;
postgres)
    drop='ALTER TABLE w DROP CONSTRAINT w_code_key;'
    gone=w_code_key
    ;;
*) exit 0 ;; # SQLite's own names (sqlite_autoindex_*) cannot be dropped
esac
new_db names
rm -rf "$WORK/migrations"
write_migration 000001_w.sql <<SQL
-- migrate:up
CREATE TABLE w (id integer PRIMARY KEY, code varchar(10) UNIQUE, k varchar(10));
$drop
CREATE INDEX w_k ON w (k);
-- migrate:down
DROP TABLE w;
SQL
st --url "$URL" upgrade
expect_rc 0 "the engine-named unique dropped"
expect_eq "$(db_has_index "$gone")" 0 "the engine's index $gone is dropped, not skipped"
expect_eq "$(db_has_index w_k)" 1 "index w_k"

# An index whose name the simulation knows (here a named UNIQUE's, which
# PostgreSQL and MariaDB give its index): the table is read back, and
# the index, already there, is skipped as the engine skips it.
new_db known
rm -rf "$WORK/migrations"
write_migration 000001_v.sql <<'SQL'
-- migrate:up
CREATE TABLE v (id integer PRIMARY KEY, code varchar(10), CONSTRAINT v_code_u UNIQUE (code));
CREATE INDEX IF NOT EXISTS v_code_u ON v (code);
-- migrate:down
DROP TABLE v;
SQL
st --url "$URL" --json upgrade
expect_rc 0 "an index of a name the table has"
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json, sys
m = json.load(sys.stdin)["migrations"][0]
print(m["catalog_queries"] > 0, m["operations"][1]["outcome"].split(":")[0])')" \
    "True skipped (exists, differs" "the table read back, the index skipped"
expect_eq "$(db_has_index v_code_u)" 1 "the constraint's index v_code_u"
