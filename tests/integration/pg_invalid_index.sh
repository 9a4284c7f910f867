# pg_invalid_index.sh - a unique CONCURRENTLY index over duplicate data
# fails and leaves an INVALID index; strata exits 1 naming it; once the
# duplicates are gone a re-run reports "rebuilt (was invalid)" and the
# index is valid.
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
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print([o["outcome"] for m in d["migrations"] for o in m["operations"]])')" \
    "['rebuilt (was invalid)']" "outcome of the re-run"
expect_eq "$(db_sql "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass")" \
    t "the index after the re-run"
