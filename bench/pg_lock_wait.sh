#!/usr/bin/env bash
# bench/pg_lock_wait.sh - strata on PostgreSQL: an ALTER TABLE queued behind
# a long open transaction, and what readers of that table see meanwhile.
#
# Starts a throwaway PostgreSQL (tests/servers.sh, its own state
# directory) with a 10,000-row table `jobs`.  RUNS times each:
#   - strata: a blocker transaction holds ACCESS SHARE on jobs for
#     BLOCK_SECONDS; LEAD_MS after it has the lock, `strata upgrade` runs
#     `ALTER TABLE jobs ADD COLUMN note text` with --lock-timeout: each try
#     waits at most lock_timeout, gives up (SQLSTATE 55P03), backs off and
#     retries, and succeeds once the blocker commits;
#   - psql: the same ALTER from psql with lock_timeout = 0 (the server's
#     default), which waits in the lock queue for the rest of the blocker,
# while a probe (bench/probe.c) reads from jobs every READER_INTERVAL_US.
# A reader queues behind the waiting ALTER's ACCESS EXCLUSIVE request;
# records the reader's maximum and p99 latency while the ALTER ran.
# Target (issue 4): readers are never blocked longer than lock_timeout.
# Every run is checked (the ALTER done after the blocker, retries seen,
# the column there, every read succeeded).
#
# Usage: bench/pg_lock_wait.sh [--record]
#   --record   also write the "PostgreSQL ALTER behind a long transaction"
#              section of bench/RESULTS.md (other sections are kept)
# Environment:
#   STRATA              the strata binary (default build/strata)
#   RUNS                runs of each kind (default 7)
#   LOCK_TIMEOUT        strata --lock-timeout, the target (default 1s;
#                       strata's own default is 5s)
#   BLOCK_SECONDS       how long the blocker holds its lock (default 6)
#   READER_INTERVAL_US  the reader starts a query this often (default 5000)
#   BENCH_TMPDIR        where the scratch directory goes (default $TMPDIR
#                       or /tmp)
#   SERVER_TMPDIR       where the server's data directory goes (default
#                       BENCH_TMPDIR's default)
# See bench/README.md.
set -eu

prog=pg_lock_wait.sh
SECTION='## PostgreSQL ALTER behind a long transaction (readers)'
LEAD_MS=500

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_setup

BLOCK_SECONDS=${BLOCK_SECONDS:-6}
READER_INTERVAL_US=${READER_INTERVAL_US:-5000}
case $BLOCK_SECONDS in ''|*[!0-9]*|0) die "BLOCK_SECONDS must be a positive integer" ;; esac
case $READER_INTERVAL_US in ''|*[!0-9]*) die "READER_INTERVAL_US must be a number of microseconds" ;; esac
lock_timeout_ms
[ $((BLOCK_SECONDS * 1000)) -gt $((LEAD_MS + LT_MS)) ] ||
    die "BLOCK_SECONDS must exceed lock_timeout + ${LEAD_MS} ms, or no try times out"
command -v psql >/dev/null || die "psql is required"

build_probe pg
start_servers postgres
URL=$PG_BASE/bench_lockwait
psql -X -q -v ON_ERROR_STOP=1 -d "$PG_URL" -c "CREATE DATABASE bench_lockwait" ||
    die "CREATE DATABASE failed"
pg() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$URL" -c "$1"; }
pg "CREATE TABLE jobs (id integer PRIMARY KEY, state text NOT NULL)"
pg "INSERT INTO jobs SELECT g, 'queued' FROM generate_series(1, 10000) g"
pg "VACUUM ANALYZE jobs"

mkdir "$WORK/migrations"
cat >"$WORK/migrations/001_jobs_note.sql" <<'EOF'
-- revision: jobs_note
-- message: jobs.note

-- +up
ALTER TABLE jobs ADD COLUMN note text;
-- +down
ALTER TABLE jobs DROP COLUMN note;
EOF
READ_SQL="SELECT count(*) FROM jobs WHERE id <= 100"
ALTER_SQL="ALTER TABLE jobs ADD COLUMN note text"
BLOCK_SQL="BEGIN; LOCK TABLE jobs IN ACCESS SHARE MODE; SELECT pg_sleep($BLOCK_SECONDS); COMMIT;"
STRATA_CMD=("$STRATA_BIN" --url "$URL" --migrations "$WORK/migrations"
    --lock-timeout "$LOCK_TIMEOUT")
PSQL_CMD=(env PGOPTIONS='-c lock_timeout=0' psql -X -q -v ON_ERROR_STOP=1
    -d "$URL" -c "$ALTER_SQL")

column_count() {
    pg "SELECT count(*) FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'jobs' AND column_name = 'note'"
}

# --- one run -----------------------------------------------------------------
# one KIND R : reader on; blocker takes its lock; LEAD_MS later the ALTER
# (timed); blocker ends; reader off; checks; the column dropped again.
one() {
    local kind=$1 r=$2 name what n b_ms b_rc b_t0 b_t1 got retries=0
    name=r_${kind}_$r
    what="$kind, run $r"
    probe_start "$name" "$WORK/pg_probe" "$URL" "$READ_SQL" "$READER_INTERVAL_US" "$WORK/$name"
    sleep 0.5
    : >"$WORK/blocker.log"
    PGAPPNAME=bench_blocker python3 "$WORK/run.py" "$WORK/blocker.log" \
        psql -X -q -v ON_ERROR_STOP=1 -d "$URL" -c "$BLOCK_SQL" >"$WORK/blocker.out" &
    local bpid=$!
    BG_PIDS="$BG_PIDS $bpid"
    n=100
    until [ "$(pg "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                   WHERE a.application_name = 'bench_blocker' AND l.granted
                   AND l.relation = 'jobs'::regclass")" = 1 ]; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || die "$what: the blocker did not get its lock within 10 s"
        sleep 0.05
    done
    sleep "$(awk -v m="$LEAD_MS" 'BEGIN { printf "%.3f", m / 1000 }')"
    if [ "$kind" = strata ]; then
        run "${STRATA_CMD[@]}" upgrade head
    else
        run "${PSQL_CMD[@]}"
    fi
    cp "$LOG" "$WORK/alter_${kind}_$r.log"
    wait "$bpid" || die "$what: the blocker's runner failed"
    BG_PIDS=$(printf '%s\n' $BG_PIDS | grep -vx "$bpid" | tr '\n' ' ' | sed 's/ $//')
    read -r b_ms b_rc b_t0 b_t1 _ <"$WORK/blocker.out"
    [ "$b_rc" = 0 ] || { cat "$WORK/blocker.log" >&2; die "$what: the blocker exited $b_rc"; }
    sleep 0.5
    probe_stop "$name" "$PROBE_PID"
    must_succeed "$what: the ALTER"
    # The ALTER cannot have finished before the blocker's sleep did.
    [ "$T1" -ge $((b_t0 + BLOCK_SECONDS * 1000000000)) ] ||
        die "$what: the ALTER finished before the blocker could have committed"
    [ "$T0" -lt $((b_t1 - 1000000000)) ] ||
        die "$what: the ALTER started too late to queue behind the blocker"
    [ "$(column_count)" = 1 ] || die "$what: jobs.note is missing"
    if [ "$kind" = strata ]; then
        retries=$(grep -c 'retrying (' "$LOG" || true)
        [ "$retries" -ge 1 ] || die "$what: strata did not give up and retry (no 'retrying' line)"
        grep -q 'lock timeout' "$LOG" || die "$what: no 'lock timeout' in strata's warnings"
        got=$(pg "SELECT count(*) || ' ' || coalesce(max(revision), '') FROM strata_version")
        [ "$got" = "1 jobs_note" ] || die "$what: strata_version holds '$got'"
        got=$(pg "SELECT count(*) FROM strata_history WHERE outcome = 'failed'")
        [ "$got" = 0 ] || die "$what: $got failed history rows (a retry is not a failure)"
    fi
    window_stats "$name" "$T0" "$T1"
    [ "$errors" = 0 ] || die "$what: $errors failed reads"
    [ "$n_in" -gt 0 ] || die "$what: no read overlapped the ALTER"
    note "$what: ALTER ${MS} ms (blocker $b_ms ms, $retries retries); reader max ${max_in} ms, p99 ${p99_in} ms over $n_in reads (before: max ${max_before} ms)"
    eval "${kind}_MS=\"\${${kind}_MS:-} $(printf '%.1f' "$MS")\""
    eval "${kind}_MAX=\"\${${kind}_MAX:-} $max_in\""
    eval "${kind}_P99=\"\${${kind}_P99:-} $p99_in\""
    eval "${kind}_N=\"\${${kind}_N:-} $n_in\""
    eval "${kind}_BEFORE=\"\${${kind}_BEFORE:-} $max_before\""
    eval "${kind}_RETRIES=\"\${${kind}_RETRIES:-} $retries\""
    # Blocked at most lock_timeout: the read's latency may exceed it by
    # the read's own service time, bounded here by this run's worst read
    # before the ALTER started.
    if [ "$kind" = strata ] &&
            ! le "$max_in" "$(awk -v a="$LT_MS" -v b="$max_before" 'BEGIN { print a + b }')"; then
        STRATA_OVER="${STRATA_OVER:-}run $r: $max_in ms > $LT_MS + $max_before ms; "
    fi
    if [ "$kind" = strata ]; then
        run "${STRATA_CMD[@]}" -q downgrade base
        must_succeed "$what: strata downgrade base"
        got=$(pg "SELECT count(*) FROM strata_version")
        [ "$got" = 0 ] || die "$what: strata_version not empty after downgrade"
    else
        pg "ALTER TABLE jobs DROP COLUMN note"
    fi
    [ "$(column_count)" = 0 ] || die "$what: jobs.note still there after the cleanup"
}

for r in $(seq "$RUNS"); do
    if [ $((r % 2)) = 1 ]; then
        one strata "$r"; one psql "$r"
    else
        one psql "$r"; one strata "$r"
    fi
done

# --- the table ---------------------------------------------------------------
# shellcheck disable=SC2086
{
    S_WORST=$(maximum $strata_MAX); P_WORST=$(maximum $psql_MAX)
    S_MAXMED=$(median $strata_MAX); P_MAXMED=$(median $psql_MAX)
    S_P99=$(median $strata_P99); P_P99=$(median $psql_P99)
    S_MS=$(median $strata_MS); P_MS=$(median $psql_MS)
    S_N=$(median $strata_N | cut -d. -f1); P_N=$(median $psql_N | cut -d. -f1)
    S_BEF=$(maximum $strata_BEFORE)
    S_RETRIES=$(median $strata_RETRIES | cut -d. -f1)
}
[ -z "${STRATA_OVER:-}" ] && s_ok=yes || s_ok=no
S_EXCESS=$(awk -v a="$S_WORST" -v b="$LT_MS" 'BEGIN { printf "%.1f", a - b }')

table() {
    cat <<EOF
| ALTER from | reader max ms, worst run | minus lock_timeout, ms | reader max ms, median run | reader p99 ms while the ALTER ran (median) | reads overlapping the ALTER (median) | ALTER wall ms (median) | retries (median) | target | met? |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| strata, \`--lock-timeout $LOCK_TIMEOUT\` | $S_WORST | $S_EXCESS | $S_MAXMED | $S_P99 | $S_N | $S_MS | $S_RETRIES | reader blocked ≤ lock_timeout ($LT_MS ms): max ≤ $LT_MS ms + the run's worst read before the ALTER | $s_ok |
| psql, \`lock_timeout = 0\` | $P_WORST | $(awk -v a="$P_WORST" -v b="$LT_MS" 'BEGIN { printf "%.1f", a - b }') | $P_MAXMED | $P_P99 | $P_N | $P_MS | — | none (the comparison) | — |
EOF
}
table

[ "$record" = 1 ] || exit 0

# --- RESULTS.md --------------------------------------------------------------
settings=$(pg "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)
               FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit',
               'full_page_writes', 'lock_timeout', 'deadlock_timeout')")
version=$(pg "SHOW server_version")
section=$WORK/section.md
# shellcheck disable=SC2086
cat >"$section" <<EOF
$SECTION

Recorded by \`bench/pg_lock_wait.sh --record\` (see bench/README.md for
what is measured). The target comes from issue 4's third acceptance point.

| | |
| --- | --- |
$(machine_rows)
| server | PostgreSQL $version, a throwaway cluster from \`tests/servers.sh\`, tuned for tests: $settings; client and server on the same machine (127.0.0.1) |
| table | \`jobs (id integer PRIMARY KEY, state text)\`, 10,000 rows |
| blocker | psql: \`$BLOCK_SQL\` |
| the ALTER | \`$ALTER_SQL\`, started ${LEAD_MS} ms after the blocker holds its lock; strata with \`--lock-timeout $LOCK_TIMEOUT\` ($LT_MS ms; strata's default is 5 s) and its default 5 retries with back-off; psql with \`PGOPTIONS='-c lock_timeout=0'\` |
| reader | \`bench/probe.c\` (libpq, one connection, autocommit) starting \`$READ_SQL\` every $READER_INTERVAL_US µs |
| runs | $RUNS runs of each kind, alternating (strata first in odd runs) |

$(table)

A read counts as "while the ALTER ran" when it overlaps the ALTER
process's lifetime (strata: the whole \`upgrade\`, tries and back-offs
included). Its latency is its own start to end; "worst run" is the largest
over all runs of that kind. A read's latency is the time it was blocked
plus its own service time (sending it, planning, running, the answer, and
the server's reaction to the lock timeout that unblocks it), so the target
"never blocked longer than lock_timeout" is checked per run as: reader max
≤ lock_timeout + the largest latency the same reader had in that run before
the ALTER started (at most $S_BEF ms over strata's runs here). The
"minus lock_timeout" column shows by how much the raw worst latency
exceeds lock_timeout.${STRATA_OVER:+ Runs over that bound: $STRATA_OVER} The blocker's ACCESS SHARE lock does not
stop readers; the ALTER's queued ACCESS EXCLUSIVE request does, for as
long as it waits: with strata at most lock_timeout per try (then it gives
up, readers drain, and it tries again after a back-off), with psql until
the blocker commits. Every run was checked: the ALTER exited 0 and
finished only after the blocker's sleep; strata logged \`lock timeout\` and
\`retrying\` and recorded no failure in \`strata_history\`; \`jobs.note\`
existed; every read succeeded; the column was dropped again
(\`strata downgrade base\`, or psql) before the next run.

The test server has fsync off and the machine has $(nproc) CPUs; lock waits
are what is measured here, and they do not depend on either.

Samples (per run: reader max ms / ALTER wall ms / retries):
- strata: $(paste -d/ <(printf '%s\n' $strata_MAX) <(printf '%s\n' $strata_MS) <(printf '%s\n' $strata_RETRIES) | tr '\n' ' ' | sed 's/ $//')
- psql: $(paste -d/ <(printf '%s\n' $psql_MAX) <(printf '%s\n' $psql_MS) <(printf '%s\n' $psql_RETRIES) | tr '\n' ' ' | sed 's/ $//')

EOF
record_section "$section"
