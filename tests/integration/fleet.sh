# fleet.sh - 'strata fleet' runs one chain over many databases: a failing
# target stops the fleet (or not, --continue-on-error), a failed canary
# stops it, two shards cover it exactly once, -j 4 runs it right, and
# passwords stay out of the summary and the logs (issue 19 item 2).
# dialects: sqlite postgres mysql
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer PRIMARY KEY);
-- +down
DROP TABLE a;
SQL
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
INSERT INTO a VALUES (1);
-- +down
DELETE FROM a;
SQL

# fleet_dbs NAME...: a fresh database per name, its URL in URL_<name>
# and its line in targets.txt; the last one is URL/DBFILE/DBNAME.
: >targets.txt
fleet_dbs() {
    local n
    for n in "$@"; do
        new_db "$n"
        eval "URL_$n=\$URL DB_$n=\${DBFILE:-\$DBNAME}"
        printf '%s\n' "$URL" >>targets.txt
    done
}
# use NAME: db_sql and friends on database NAME.
use() {
    eval "URL=\$URL_$1"
    case "$DIALECT" in
    sqlite) eval "DBFILE=\$DB_$1" ;;
    *) eval "DBNAME=\$DB_$1" ;;
    esac
}
# version NAME: NAME's current revision ('-' when none).
version() {
    use "$1"
    if [ "$(db_has_table strata_version)" = 1 ]; then
        db_sql "SELECT revision FROM strata_version" | tr -d '\n'
        [ "$(db_count strata_version)" -gt 0 ] || printf -- -
    else
        printf -- -
    fi
}
# json_targets: "target:outcome" of the --json document in $OUT.
json_targets() {
    printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(t["outcome"] for t in d["targets"]))'
}

fleet_dbs f1 f2 f3
printf '# a comment, then a blank line\n\n' >>targets.txt
# f2 already holds the row r2 inserts: its r2 fails.
use f2
db_sql "CREATE TABLE a (id integer PRIMARY KEY)"
db_sql "INSERT INTO a VALUES (1)"

# The first failure stops the fleet: f3 never starts.
st fleet upgrade --targets targets.txt
expect_rc 1
expect_out "failed (exit 1)"
expect_out "not run"
expect_out "1 done, 1 failed, 1 not run; logs in strata-fleet-logs/"
expect_eq "$(version f1) $(version f2) $(version f3)" "r2 r1 -" "stop at the first failure"
[ -f strata-fleet-logs/0002-*.log ] || fail "no log for f2"
grep -q "INSERT INTO a" strata-fleet-logs/0002-*.log || fail "f2's log lacks its failure"

# --continue-on-error: f3 runs too; the exit is the failure's.
st --json fleet upgrade --targets targets.txt --continue-on-error --logs logs2
expect_rc 1
expect_eq "$(json_targets)" "done failed done" "--continue-on-error"
expect_eq "$(version f1) $(version f2) $(version f3)" "r2 r1 r2" "all but f2 at r2"
expect_eq "$(ls logs2 | wc -l | tr -d ' ')" 3 "a log per target"

# A canary that fails stops the fleet, even with --continue-on-error.
st fleet downgrade base --targets targets.txt -j 2
expect_rc 0
use f2
db_sql "CREATE TABLE a (id integer PRIMARY KEY)"
db_sql "INSERT INTO a VALUES (1)"
{ sed -n 2p targets.txt; sed -n 1p targets.txt; sed -n 3p targets.txt; } >canary.txt
st --json fleet upgrade --targets canary.txt --canary 1 --continue-on-error
expect_rc 1
expect_eq "$(json_targets)" "failed not run not run" "failed canary"
expect_eq "$(version f1) $(version f3)" "- -" "nothing after the canary"
# A canary that passes lets the rest run.
st --json fleet upgrade --targets targets.txt --canary 2 --continue-on-error
expect_eq "$(json_targets)" "done failed not run" "second canary fails"
use f2
db_sql "DELETE FROM a"
st --json fleet upgrade --targets targets.txt --canary 1
expect_rc 0
expect_eq "$(json_targets)" "done done done" "canary passed"
expect_eq "$(version f1) $(version f2) $(version f3)" "r2 r2 r2" "all at r2"

# status through the fleet: from and to are the database's rows.
st fleet downgrade r1 --targets canary.txt --canary 1
expect_rc 0
st --json fleet status --targets targets.txt
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
print(" ".join(",".join(t["from"]) + ">" + ",".join(t["to"]) for t in json.load(sys.stdin)["targets"]))')" \
    "r1>r1 r1>r1 r1>r1" "status rows"
st fleet status --exit-code --targets targets.txt --continue-on-error
expect_rc 3
expect_out "3 failed"

# Two shards cover a fleet of eight exactly once between them.
: >targets.txt
fleet_dbs s1 s2 s3 s4 s5 s6 s7 s8
# shard_targets: the targets of the --json document in $OUT, each
# upgraded from nothing (else the shard ran it a second time).
shard_targets() {
    printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(" ".join(t["target"] + ("" if t["from"] == [] else "(again)") for t in d["targets"]))'
}
st --json fleet upgrade r1 --targets targets.txt --shard 1/2 -j 3
expect_rc 0
ONE=$(shard_targets)
st --json fleet upgrade r1 --targets targets.txt --shard 2/2 -j 3
expect_rc 0
TWO=$(shard_targets)
# Each line's share is the first 64 bits of its SHA-256 modulo 2
# (docs/design.md §9.12): with random ports in the URLs, all eight in one
# share happens once in 128 runs, so the sizes are computed, not assumed.
WANT=$(python3 -c 'import hashlib, sys
lines = [l.rstrip("\n") for l in open("targets.txt") if l.strip() and not l.startswith("#")]
one = sum(1 for l in lines if int(hashlib.sha256(l.encode()).hexdigest()[:16], 16) % 2 == 0)
print(one, len(lines) - one)')
expect_eq "$(printf '%s\n' $ONE | grep -c . ) $(printf '%s\n' $TWO | grep -c .)" "$WANT" \
    "targets per shard (share of each line's SHA-256)"
expect_eq "$(printf '%s\n' $ONE $TWO | sort | uniq -d)" "" "shards overlap"
expect_eq "$(printf '%s\n' $ONE $TWO | wc -l | tr -d ' ')" 8 "shards cover the fleet"
for n in s1 s2 s3 s4 s5 s6 s7 s8; do
    expect_eq "$(version $n)" r1 "$n after both shards"
done
# The same shard again takes the same targets.
st --json fleet status --targets targets.txt --shard 1/2
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
print(" ".join(t["target"] for t in json.load(sys.stdin)["targets"]))')" "$ONE" "stable shard"

# -j 4 over the eight: each target at head, each log its own target's.
st fleet upgrade --targets targets.txt -j 4 --logs logs4
expect_rc 0
expect_out "8 done, 0 failed, 0 not run"
for n in s1 s2 s3 s4 s5 s6 s7 s8; do
    expect_eq "$(version $n)" r2 "$n after -j 4"
done
for f in logs4/*.log; do
    head -1 "$f" | grep -q "upgrade on" || fail "$f: no header"
    expect_eq "$(grep -c 'upgrade done' "$f")" 1 "$f: one run"
done

# Bad fleets: refused before any target runs.
st fleet upgrade
expect_rc 2
expect_err "--targets FILE or --schemas"
st fleet migrate --targets targets.txt
expect_rc 2
st fleet upgrade --targets targets.txt --shard 3/2
expect_rc 2
st fleet upgrade --targets targets.txt -j 0
expect_rc 2
st fleet status --sql --targets targets.txt
expect_rc 2
printf '[eu]\n' >sections.txt
sed -n 1,2p targets.txt >>sections.txt
printf '[us]\ntarget = %s\n' "$(sed -n 3p targets.txt)" >>sections.txt
st --json fleet status --targets sections.txt:us
expect_rc 0
expect_eq "$(json_targets)" "done" "one section"
st fleet status --targets sections.txt:asia
expect_rc 2
expect_err "no section [asia]"

# No password in the summary or the logs (the test PostgreSQL server
# trusts local connections: a password in its URLs is never checked).
if [ "$DIALECT" != sqlite ]; then
    case "$DIALECT" in
    postgres) PW=$STRATA_TEST_PASSWORD
        sed "s#://\([^:@/]*\)@#://\1:$PW@#" targets.txt >pw.txt ;;
    *) PW=$(sed -n 's#^[a-z]*://[^:]*:\([^@]*\)@.*#\1#p' targets.txt | head -1)
        cp targets.txt pw.txt ;;
    esac
    grep -q -- "$PW" pw.txt || fail "no password in the targets"
    st fleet status --targets pw.txt --logs pwlogs -j 2
    expect_rc 0
    expect_out "***"
    expect_no_out "$PW"
    if grep -rl -- "$PW" strata-fleet-logs logs2 logs4 pwlogs; then
        fail "a log holds the password"
    fi
    st --json fleet upgrade --targets pw.txt --logs pwlogs
    expect_rc 0
    expect_no_out "$PW"
    if grep -rl -- "$PW" pwlogs; then fail "a log holds the password"; fi
fi
