# streaming.sh - each migration's lines appear when it finishes, also
# when stdout is a pipe (a CI log, '| tee'): the first migration's block
# is read from the pipe while the second, slow one still runs (issue 15).
# dialects: sqlite
new_db
write_migration 1_fast.sql <<'SQL'
-- revision: 1_fast
-- +up
CREATE TABLE a (id integer PRIMARY KEY);
-- +down
DROP TABLE a;
SQL
# About a second of work, more on a loaded machine or under valgrind.
write_migration 2_slow.sql <<'SQL'
-- revision: 2_slow
-- revises: 1_fast
-- +up
CREATE TABLE b AS WITH RECURSIVE c(x) AS
    (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000)
    SELECT count(*) AS n FROM c;
-- +down
DROP TABLE b;
SQL
# When each line arrives, in seconds since the start; then the gap
# between the first migration's line and the end of the output.
gap=$(python3 - "$STRATA" "$URL" <<'PY'
import subprocess, sys, time
t0 = time.monotonic()
p = subprocess.Popen([sys.argv[1], "--url", sys.argv[2], "upgrade"],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
first = None
for line in p.stdout:
    if first is None and b"1_fast  applied" in line:
        first = time.monotonic()
end = time.monotonic()
rc = p.wait()
print("none" if first is None or rc else f"{end - first:.2f}")
PY
)
case "$gap" in
none) fail "the upgrade failed or never printed 1_fast's line" ;;
0.[0-2]*) fail "1_fast's line came only ${gap}s before the end: held until the run ended" ;;
esac
expect_eq "$(db_has_table b)" 1 "the slow migration ran"
