# stub_dialect.sh - a fourth driver needs no change to the core: "toy"
# (tests/drivers/toy.c), a dialect the core has never heard of, found
# through the driver search path alone, runs a chain up, down and up,
# keeps strata's history, and brings its own lint rule.
# dialects: sqlite
TD=$(cd "$(dirname "$STRATA")" && pwd)/tests/drivers/toy
[ -f "$TD/strata_toy.so" ] || fail "test drivers not built ($TD)"
TOYDB=$WORK/toy.db
toy_sql() { sqlite3 -batch -bail "$TOYDB" "$1"; }

write_migration 001_notes.sql <<'SQL'
-- revision: r1
-- +up toy
CREATE TABLE notes (id integer PRIMARY KEY, body text) STRICT;
SQL
write_migration 002_seed.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up toy
INSERT INTO notes (body) VALUES ('first; with a semicolon');
CREATE VIEW note_count AS SELECT count(*) AS n FROM notes;
-- +down toy
DROP VIEW note_count;
DELETE FROM notes;
SQL

# Without the driver, neither the dialect nor the scheme is known.
SCENARIO="stub_dialect/unknown"
st --url "toy:///$TOYDB" upgrade
expect_rc 2
expect_err "unknown URL scheme 'toy': no driver serves it"
st --url "sqlite:///$WORK/plain.db" upgrade
expect_rc 2
expect_err "unknown dialect 'toy' in '-- +up toy' (known: firebird, mysql, postgres, sqlite;"

# Found through --driver-path: up, down, up.
SCENARIO="stub_dialect/run"
st --driver-path "$TD" --url "toy:///$TOYDB" upgrade
expect_rc 0 "upgrade"
expect_out "upgrade done: 2 applied"
expect_eq "$(toy_sql 'SELECT n FROM note_count')" 1 "notes after upgrade"
st --driver-path "$TD" --url "toy:///$TOYDB" downgrade -1
expect_rc 0 "downgrade"
expect_out "current: r1"
expect_eq "$(toy_sql "SELECT count(*) FROM sqlite_schema WHERE name = 'note_count'")" 0 "view after downgrade"
expect_eq "$(toy_sql 'SELECT count(*) FROM notes')" 0 "notes after downgrade"
# ... and through STRATA_DRIVER_PATH.
STRATA_DRIVER_PATH=$TD st --url "toy:///$TOYDB" upgrade
expect_rc 0 "upgrade again"
expect_out "current: r2"
expect_eq "$(toy_sql 'SELECT body FROM notes')" "first; with a semicolon" "notes after the second upgrade"
st --driver-path "$TD" --url "toy:///$TOYDB" history
expect_rc 0 "history"
expect_eq "$(printf '%s\n' "$OUT" | grep -c ' applied ')" 4 "history rows"
# Raw SQL without a down section stays irreversible, as on any dialect.
st --driver-path "$TD" --url "toy:///$TOYDB" downgrade base
expect_rc 3 "downgrade base"
expect_err "cannot downgrade 'r1': raw SQL and no '-- +down' section for toy"
# Another dialect's run skips the toy sections.
st --driver-path "$TD" --url "sqlite:///$WORK/plain.db" upgrade
expect_rc 0 "sqlite run of a toy chain"
expect_out "empty on sqlite"

# The driver's own lint rule: listed, reported, silenced.
SCENARIO="stub_dialect/lint"
st --driver-path "$TD" lint --list-rules
expect_out "warning  toy-delete-all                    toy               a DELETE without a WHERE clause"
write_migration 003_purge.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up toy
DELETE FROM notes;
SQL
st --driver-path "$TD" --url "toy:///$TOYDB" lint
expect_rc 0 "lint (a warning)"
expect_out "migrations/003_purge.sql:4: warning [toy-delete-all] "
sed -i 's/^DELETE FROM notes;$/-- strata:allow toy-delete-all the notes are rebuilt\n&/' \
    "$WORK/migrations/003_purge.sql"
st --driver-path "$TD" --url "toy:///$TOYDB" lint
expect_rc 0 "lint (silenced)"
expect_out "lint: 0 errors, 0 warnings"
