# fidelity_nullability.sh - a key column's NOT NULL is what the text says
# (docs/dialects.md §9.3): `id TEXT PRIMARY KEY` in a sqlite section takes
# NULL, as sqlite3 builds it; a table rebuild strata makes later keeps
# it so; a generic section's key is NOT NULL, which the key means there.
# dialects: sqlite
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up sqlite
CREATE TABLE kv (id TEXT PRIMARY KEY, v TEXT);
CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a, b));
ALTER TABLE kv ADD COLUMN w TEXT;
SQL
notnull() { # TABLE: "column notnull, ..."
    db_sql "SELECT group_concat(name || ' ' || \"notnull\", ', ') FROM pragma_table_info('$1')"
}

new_db client
db_file "$WORK/migrations/1.sql" || fail "sqlite3 refuses it"
want_kv=$(notnull kv) want_pair=$(notnull pair)
expect_eq "$want_kv" "id 0, v 0, w 0" "sqlite3's own nullability"

new_db strata
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(notnull kv)" "$want_kv" "kv as sqlite3 builds it"
expect_eq "$(notnull pair)" "$want_pair" "pair as sqlite3 builds it"
db_sql "INSERT INTO kv (id, v) VALUES (NULL, 'x')" ||
    fail "a NULL key is refused, as sqlite3 would not"

# A later generic change rebuilds the table: the key stays as written.
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE kv ADD CONSTRAINT kv_v_check CHECK (v <> '');
CREATE TABLE g (id text PRIMARY KEY);
SQL
st --url "$URL" -v upgrade
expect_rc 0
expect_out "table rebuilt"
expect_eq "$(notnull kv)" "$want_kv" "kv after a rebuild"
expect_eq "$(db_count kv "id IS NULL")" 1 "the NULL key kept"
expect_eq "$(notnull g)" "id 1" "a generic section's key"
