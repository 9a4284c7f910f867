# failure_report.sh - what a failed run prints: the statement that failed
# is "failed", what the rollback undid "rolled back" (not "applied"), and
# a summary on stdout with the current revision and the next step; what
# committed on its own (MySQL DDL) stays "applied" and the summary says
# so.  -v progress goes to stderr as progress, not as a warning (issue
# 15).
new_db
write_first_migration
write_failing_migration
st --url "$URL" upgrade
expect_rc 1
line() { # the line of $OUT that has $1
    printf '%s\n' "$OUT" | grep -F -- "$1"
}
expect_eq "$(line 'INSERT INTO no_such_table' | awk '{print $1}')" failed \
    "the failing statement"
expect_eq "$(line '2_b  failed' | wc -l)" 1 "the migration's line"
case "$DIALECT" in
mysql) # DDL commits on its own: CREATE TABLE c stays.
    expect_eq "$(line 'CREATE TABLE c' | awk '{print $1}')" applied \
        "a statement committed on its own"
    expect_out "next: fix migrations/2_b.sql:6 and run again; the first 1 statement of 2_b committed on its own and stays: the run resumes after it"
    ;;
*)
    expect_eq "$(line 'CREATE TABLE c' | awk '{print $1, $2}')" \
        "rolled back" "a statement the rollback undid"
    expect_out "next: fix migrations/2_b.sql:6 and run again; nothing of 2_b was kept"
    ;;
esac
expect_out "upgrade failed at 2_b after 1 migration, "
expect_out "; current: r1"
# The summary comes last on stdout.
printf '%s\n' "$OUT" | tail -n 1 | grep -q '^next: ' ||
    fail "the next step is not the last line"
# -v: progress on stderr, not a warning.
st --url "$URL" -v upgrade
expect_rc 1
expect_err "strata: running up 2_b (migrations/2_b.sql)"
expect_no_out "warning: running"

# --json: the same words; -v progress as JSON lines on stderr.
st --url "$URL" -v --json upgrade
expect_rc 1
case "$DIALECT" in
mysql) want="['skipped (exists)', 'failed']" ;; # c stayed: checked again
*) want="['rolled back', 'failed']" ;;
esac
expect_eq "$(ops_outcomes)" "$want" "outcomes in the document"
printf '%s\n' "$ERR" | grep '^{' | python3 -c 'import json,sys
events = [json.loads(l) for l in sys.stdin]
assert events and events[0] == {"event": "begin", "revision": "2_b",
    "direction": "up", "file": "migrations/2_b.sql"}, events' ||
    fail "no progress event on stderr"

# Fixed, the run goes on and says done.
sed -i 's/no_such_table/c/' "$WORK/migrations/2_b.sql"
st --url "$URL" upgrade
expect_rc 0
expect_out "upgrade done: 1 applied"
