# my_lazy_begin.sh - MySQL commits each DDL statement on its own, so the
# runner's transaction before one is empty: the driver sends no
# START TRANSACTION / COMMIT pair for it (bench/RESULTS.md, MariaDB
# apply), yet a migration's DML still runs and rolls back in its
# transaction.  Read from the server's general log, one session's rows.
# dialects: mysql
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE lazy_t1 (id integer PRIMARY KEY, total integer NOT NULL);
CREATE INDEX lazy_t1_total ON lazy_t1 (total);
INSERT INTO lazy_t1 VALUES (1, 10);
-- +down
DROP TABLE lazy_t1;
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE lazy_t2 (id integer PRIMARY KEY);
INSERT INTO lazy_t1 VALUES (2, 20);
INSERT INTO lazy_t1 VALUES (1, 30);
SQL
# The log is the server's: other scenarios' sessions land in it too, so
# the rows are told apart by the session that created lazy_t1.
my_client -e "SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1" ||
    fail "cannot turn the general log on"
st --url "$URL" upgrade
rc=$RC
my_client -e "SET GLOBAL general_log = 0" || fail "cannot turn the general log off"
expect_eq "$rc" 1 "exit status of the run whose r2 fails on a duplicate key"
expect_err "Duplicate entry"
# What ran is true: r1 applied with its row, r2's INSERTs undone.
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version"
expect_eq "$(db_sql "SELECT group_concat(id ORDER BY id) FROM lazy_t1")" 1 "rows of lazy_t1"
expect_eq "$(db_count information_schema.tables "table_schema = DATABASE() AND table_name = 'lazy_t2'")" \
    1 "r2's table (its DDL committed on its own)"
expect_eq "$(db_count strata_history "revision = 'r2' AND outcome = 'failed'")" 1 "r2's failure row"
log_rows() {
    my_client -N -B -e "SELECT argument FROM mysql.general_log
        WHERE command_type = 'Query' AND thread_id = (
            SELECT thread_id FROM mysql.general_log
            WHERE argument LIKE 'CREATE TABLE%lazy_t1%' AND command_type = 'Query'
            ORDER BY event_time DESC LIMIT 1)"
}
log_rows >"$WORK/session.log" || fail "cannot read the general log"
[ -s "$WORK/session.log" ] || fail "no row of strata's session in the general log"
# No empty transaction: no START TRANSACTION followed by COMMIT or
# ROLLBACK with nothing between.
expect_eq "$(awk 'prev == "START TRANSACTION" && ($0 == "COMMIT" || $0 == "ROLLBACK") { n++ } { prev = $0 } END { print n + 0 }' "$WORK/session.log")" \
    0 "empty transactions sent"
# r1: its INSERT and its bookkeeping in one transaction; r2: the
# catalog read that decides its CREATE TABLE (r1's was decided from the
# chain) begins none, the CREATE commits on its own, its INSERTs run in
# one transaction that rolls back, and the failure's row in another.
expect_eq "$(grep -cx 'START TRANSACTION' "$WORK/session.log")" 3 \
    "transactions begun ($(tail -n 30 "$WORK/session.log" | cut -c1-60 | tr '\n' ';'))"
expect_eq "$(grep -cx 'ROLLBACK' "$WORK/session.log")" 1 "rollbacks"
# (table_exists asks tables_exist's query for one name: "SELECT 1 ...")
expect_eq "$(grep -B1 -x "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DBNAME' AND TABLE_NAME = 'lazy_t2'" "$WORK/session.log" | head -n 1)" \
    COMMIT "what came before r2's catalog read (r1's end; no START TRANSACTION)"
my_client -e "TRUNCATE TABLE mysql.general_log" || true
