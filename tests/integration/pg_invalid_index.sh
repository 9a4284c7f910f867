# pg_invalid_index.sh - a unique CONCURRENTLY index over duplicate data
# fails and leaves an INVALID index; strata exits 1 naming it; once the
# duplicates are gone a re-run reports "rebuilt (was invalid)" and the
# index is valid, under IF NOT EXISTS too.
# dialects: postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE accounts (id serial PRIMARY KEY, email varchar(200) NOT NULL);
SQL
st --url "$URL" upgrade
expect_rc 0
db_sql "INSERT INTO accounts (email) VALUES ('a@x'), ('b@x'), ('a@x')"
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/2.sql:4: "
expect_err "accounts_email"
expect_err "INVALID"
expect_eq "$(db_sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass")" \
    f "the index left behind"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
db_sql "DELETE FROM accounts WHERE id = 3"
st --url "$URL" --json upgrade
expect_rc 0
expect_eq "$(ops_outcomes)" \
    "['rebuilt (was invalid)']" "outcome of the re-run"
expect_eq "$(db_sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass")" \
    t "the index after the re-run"

# Under IF NOT EXISTS too, an INVALID index counts as absent and is built
# again: the one departure from psql, which would skip it.
db_sql "CREATE TABLE z (v integer); INSERT INTO z VALUES (1), (1)"
db_sql "CREATE UNIQUE INDEX CONCURRENTLY z_v ON z (v)" 2>/dev/null &&
    fail "the duplicate should have failed the build"
db_sql "DELETE FROM z; INSERT INTO z VALUES (1)"
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
CREATE UNIQUE INDEX IF NOT EXISTS z_v ON z (v);
SQL
st --url "$URL" --json upgrade
expect_rc 0
expect_eq "$(ops_outcomes)" \
    "['rebuilt (was invalid)']" "IF NOT EXISTS over an INVALID index"
expect_eq "$(db_sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'z_v'::regclass")" \
    t "the index after IF NOT EXISTS"
