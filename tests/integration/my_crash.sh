# my_crash.sh - MySQL commits each DDL statement on its own: strata is
# killed (SIGKILL) between two DDL statements of one migration; the
# re-run resumes it after the last statement done (a raw INSERT before
# the kill does not run again), reporting the finished operations
# skipped, and the history is true.
# dialects: mysql
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE orders (id serial PRIMARY KEY, total integer NOT NULL);
SQL
st --url "$URL" upgrade
expect_rc 0
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE orders ADD COLUMN currency varchar(3) NOT NULL DEFAULT 'EUR';
-- +up mysql
INSERT INTO orders (total) VALUES (42);
-- +up
CREATE INDEX orders_total ON orders (total);
-- +up mysql
SELECT SLEEP(5);
-- +up
ALTER TABLE orders ADD COLUMN note varchar(200);
SQL
# shellcheck disable=SC2086
$STRATA_WRAP "$STRATA" --url "$URL" upgrade >"$WORK/killed.out" 2>&1 &
pid=$!
# Wait until the three first statements are recorded (progress rows
# after the first DDL, the INSERT's commit and the second DDL), then kill
# during the SLEEP.
for _ in $(seq 1 100); do
    [ "$(db_count strata_history "revision='r2' AND outcome='progress'")" -ge 3 ] && break
    sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
expect_eq "$(db_count strata_history "revision='r2' AND outcome='progress'")" 3 \
    "progress rows before the kill"
expect_eq "$(db_count orders)" 1 "rows the INSERT wrote before the kill"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r1 "version after the kill"
st --url "$URL" --json upgrade
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print([o["outcome"] for m in d["migrations"] for o in m["operations"]])')" \
    "['skipped (exists)', 'done', 'skipped (exists)', 'applied', 'applied']" \
    "outcomes of the re-run"
# A resume, not a full re-run: the raw INSERT did not run again.
expect_eq "$(db_count orders)" 1 "rows after the re-run"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" r2 "version"
expect_eq "$(db_sql "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'orders'")" \
    4 "columns"
expect_eq "$(db_count strata_history "revision='r2' AND outcome='applied'")" 1 "applied rows"
