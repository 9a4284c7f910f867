# concurrency.sh - eight `strata upgrade head` started at once on one
# database: all exit 0 and every revision is applied exactly once.
new_db
for i in 1 2 3 4 5 6; do
    parent=""
    [ "$i" -gt 1 ] && parent="-- revises: m$((i - 1))"
    write_migration "m$i.sql" <<SQL
-- revision: m$i
$parent
-- +up
CREATE TABLE t$i (id integer PRIMARY KEY, v text);
INSERT INTO t$i (v) VALUES ('once');
-- +down
DROP TABLE t$i;
SQL
done
pids=""
for p in 1 2 3 4 5 6 7 8; do
    # shellcheck disable=SC2086
    $STRATA_WRAP "$STRATA" --url "$URL" upgrade head >"$WORK/out.$p" 2>&1 &
    pids="$pids $!"
done
n=0
for pid in $pids; do
    n=$((n + 1))
    wait "$pid" || { OUT=$(cat "$WORK/out.$n"); fail "process $n failed"; }
done
cat "$WORK"/out.* >>"$SUITE_LOG"
expect_eq "$(db_count strata_history "outcome='applied'")" 6 "applied rows"
for i in 1 2 3 4 5 6; do
    expect_eq "$(db_count strata_history "revision='m$i' AND direction='up'")" \
        1 "history rows of m$i"
    expect_eq "$(db_count "t$i")" 1 "rows in t$i"
done
expect_eq "$(db_sql "SELECT revision FROM strata_version")" m6 "version"
# Exactly one process did the work; the others found nothing to do.
expect_eq "$(grep -l 'nothing to do' "$WORK"/out.* | wc -l)" 7 \
    "processes that found nothing to do"
