# pg_jit.sh - the catalog queries run with JIT off (compiling them cost
# more than running them), and the session's own jit setting, here one a
# migration set, is back in place for the migration's statements.
# dialects: postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE seen (v text);
SET jit = on;
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE seen ADD COLUMN note text;
INSERT INTO seen (v) SELECT current_setting('jit');
SQL
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT v FROM seen")" on "jit in r2, after its catalog read"
expect_eq "$(db_sql "SELECT count(*) FROM information_schema.columns
                     WHERE table_name = 'seen' AND column_name = 'note'")" 1 \
    "note column"
