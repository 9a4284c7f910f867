# segments.sh - statements that cannot run in a transaction get their own
# autocommit segment with a progress row; `transaction: none` commits
# each statement; after a failure a re-run resumes after the last
# completed statement instead of repeating it.
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer PRIMARY KEY, v text);
INSERT INTO a (v) VALUES ('x');
VACUUM;
CREATE INDEX a_v ON a (v);
-- +down
DROP TABLE a;
SQL
st --url "$URL" upgrade
expect_rc 0
# a transactional segment (2 statements), VACUUM alone; the index commits
# with the applied row.
expect_eq "$(db_sql "SELECT group_concat(statement_index) FROM strata_history WHERE outcome='progress'")" \
    "1,2" "progress rows"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"

write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- transaction: none
-- +up
INSERT INTO a (v) VALUES ('first');
INSERT INTO a (v) VALUES ('second');
INSERT INTO missing VALUES (1);
INSERT INTO a (v) VALUES ('fourth');
-- +down
DELETE FROM a WHERE v IN ('first', 'second', 'fourth');
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/2.sql:7: no such table: missing"
# Statements before the failure committed, each on its own.
expect_eq "$(db_count a "v IN ('first','second')")" 2 "rows before the failure"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version after failure"
sed -i 's/INSERT INTO missing VALUES (1);/INSERT INTO a (v) VALUES (\x27third\x27);/' \
    "$WORK/migrations/2.sql"
st --url "$URL" upgrade
expect_rc 0
expect_out "done"
# Resumed: 'first' and 'second' were not inserted a second time.
expect_eq "$(db_count a "v='first'")" 1 "rows 'first' after the re-run"
expect_eq "$(db_count a "v IN ('third','fourth')")" 2 "rows after the re-run"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
st --url "$URL" downgrade r1
expect_rc 0
expect_eq "$(db_sql "SELECT group_concat(v) FROM (SELECT v FROM a ORDER BY id)")" \
    "x,third" "rows after downgrade"

# A failure inside a transactional segment rolls that segment back (the
# earlier segments stay, recorded), and the failure names its line.
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
CREATE TABLE s1 (id integer);
CREATE TABLE s2 (id integer);
INSERT INTO nosuch VALUES (1);
VACUUM;
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/3.sql:6: no such table: nosuch"
expect_eq "$(db_count sqlite_schema "name IN ('s1', 's2')")" 0 \
    "tables of the rolled-back segment"
expect_eq "$(db_sql "SELECT detail LIKE '%\"line\":6%' FROM strata_history WHERE outcome = 'failed' AND revision = 'r3'")" \
    1 "failure row names line 6"

# Resume skips what ran, so it refuses a file edited since.
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- transaction: none
-- +up
CREATE TABLE s1 (id integer);
INSERT INTO nosuch VALUES (1);
SQL
st --url "$URL" upgrade
expect_rc 1
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- transaction: none
-- +up
CREATE TABLE s_other (id integer);
INSERT INTO s1 VALUES (1);
SQL
st --url "$URL" upgrade
expect_rc 3
expect_err "migrations/3.sql: its first 1 statement ran in an unfinished run and has changed since"
expect_eq "$(db_count sqlite_schema "name = 's_other'")" 0 "nothing ran"

# A migration's own PRAGMA foreign_keys=OFF stays in that migration.
new_db fk
rm -rf "$WORK/migrations"
write_migration 1.sql <<'SQL'
-- revision: f1
-- +up
CREATE TABLE p (id integer PRIMARY KEY);
CREATE TABLE c (pid integer REFERENCES p (id));
PRAGMA foreign_keys = OFF;
SQL
write_migration 2.sql <<'SQL'
-- revision: f2
-- revises: f1
-- +up
INSERT INTO c VALUES (42);
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "migrations/2.sql:4: FOREIGN KEY constraint failed"
expect_eq "$(db_count c)" 0 "orphan rows"
