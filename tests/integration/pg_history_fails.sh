# pg_history_fails.sh - the history row itself fails, inside the one
# message that carries it, the version row and COMMIT (here a trigger on
# strata_history refuses it): the migration rolls back whole, the
# version stays, the failure is recorded, ids stay dense, and once the
# trigger is gone a re-run applies it.
# dialects: postgres
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE owners (id integer PRIMARY KEY);
SQL
st --url "$URL" upgrade
expect_rc 0
db_sql "CREATE FUNCTION refuse_r2() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  IF NEW.revision = 'r2' AND NEW.outcome = 'applied' THEN
    RAISE EXCEPTION 'history row of r2 refused';
  END IF;
  RETURN NEW;
END \$\$;
CREATE TRIGGER refuse_r2 BEFORE INSERT ON strata_history
  FOR EACH ROW EXECUTE FUNCTION refuse_r2();" >/dev/null
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE pets (id integer PRIMARY KEY);
INSERT INTO owners VALUES (1);
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "history row of r2 refused"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
expect_eq "$(db_count owners)" 0 "owners rows (r2's insert rolled back)"
expect_eq "$(db_sql "SELECT count(*) FROM pg_class WHERE relname = 'pets'")" 0 \
    "pets tables"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'failed'")" 1 \
    "r2 failure rows"
expect_history_dense

db_sql "DROP TRIGGER refuse_r2 ON strata_history" >/dev/null
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
expect_eq "$(db_count owners)" 1 "owners rows"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'applied'")" 1 \
    "r2 applied rows"
expect_history_dense
