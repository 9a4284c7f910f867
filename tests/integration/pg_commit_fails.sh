# pg_commit_fails.sh - a migration whose COMMIT fails (a deferred
# foreign key checked only then): its history row, version row and
# COMMIT go to the server together, so none of the migration stays,
# history records the failure, and the fixed migration then applies.
# dialects: postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE owners (id integer PRIMARY KEY);
CREATE TABLE pets (id integer PRIMARY KEY, owner integer
    REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED);
SQL
st --url "$URL" upgrade
expect_rc 0
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE toys (id integer PRIMARY KEY);
INSERT INTO pets VALUES (1, 42);
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "COMMIT"
expect_err "pets"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
expect_eq "$(db_count pets)" 0 "pets rows"
expect_eq "$(db_sql "SELECT count(*) FROM pg_class WHERE relname = 'toys'")" 0 \
    "toys tables (the migration rolled back whole)"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'failed'")" 1 \
    "r2 failure rows"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'applied'")" 0 \
    "r2 applied rows"
# History ids stay dense: the failed COMMIT gives its row's id back.
expect_history_dense

write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE toys (id integer PRIMARY KEY);
INSERT INTO owners VALUES (42);
INSERT INTO pets VALUES (1, 42);
SQL
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
expect_eq "$(db_count pets)" 1 "pets rows"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'applied'")" 1 \
    "r2 applied rows"
