#!/usr/bin/env bash
# bench/pg_1000.sh - strata on PostgreSQL: 1,000 trivial migrations.
#
# Starts a throwaway PostgreSQL (tests/servers.sh, its own state
# directory), generates the chain of bench/sqlite_1000.sh (each migration:
# one table and one index) and measures the median wall-clock time of
#   - strata upgrade head   into an empty database,
# next to psql running the same SQL with one transaction per migration
# (the issue's baseline) and, for information, in one transaction.  Each
# run gets a fresh database; every run is checked.  Target (issue 4):
# within 1.3x of psql.
#
# When the target is missed (or DIAGNOSE=1) it then finds out where
# strata's time goes, in untimed runs: every statement with its server-side
# duration (log_min_duration_statement = 0, set with ALTER SYSTEM on the
# scratch server), grouped by kind, once per run and per migration, for
# strata and psql; the round trips of each kind (strace, when installed);
# how the per-migration server cost grows over the run; the client's CPU
# (callgrind, when installed); wall = client CPU + server CPU + the rest;
# and findings computed from all of it.  All of it goes into RESULTS.md.
#
# Usage: bench/pg_1000.sh [--record]
#   --record   also write the "PostgreSQL, 1,000 migrations" section of
#              bench/RESULTS.md (other sections are kept)
# Environment:
#   STRATA        the strata binary (default build/strata)
#   RUNS          timed runs per line, median reported (default 7)
#   DIAGNOSE      1: always diagnose; 0: never (default: when the target
#                 is missed)
#   BENCH_TMPDIR  where the scratch directory goes (default $TMPDIR or /tmp)
#   SERVER_TMPDIR where the server's data directory goes (default /dev/shm
#                 when it is a tmpfs, else BENCH_TMPDIR's default)
# See bench/README.md.
set -eu

prog=pg_1000.sh
SECTION='## PostgreSQL, 1,000 migrations'
N=1000
TARGET=1.3

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"
bench_setup
DIAGNOSE=${DIAGNOSE:-auto}
command -v psql >/dev/null || die "psql is required (the baseline)"

# The server's data on tmpfs when there is one (SERVER_TMPDIR overrides):
# this benchmark creates thousands of relation files per run, and on a
# filesystem where many files were deleted in the last minutes (an earlier
# run's cleanup, other test servers) creating files gets slower for a
# while: ext4 without a journal skips recently deleted inodes, and that
# was seen to triple psql's time from one run to the next.
if [ -z "${SERVER_TMPDIR:-}" ] && [ -w /dev/shm ] &&
        [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
    SERVER_TMPDIR=/dev/shm
fi
start_servers postgres
# The script's own connections are named bench (the statement log tells
# them from strata's and the baseline psql's).
pgsrv() { PGAPPNAME=bench psql -X -q -At -v ON_ERROR_STOP=1 -d "$PG_URL" -c "$1"; }

# --- the chain and the baseline scripts --------------------------------------
MIG=$WORK/migrations
mkdir "$MIG"
LAST=$(printf 'r%04d' "$N")
note "generating $N migrations in $WORK"
awk -v n="$N" -v dir="$MIG" -v work="$WORK" 'BEGIN {
    up = work "/up.sql"; up1 = work "/up_one.sql"
    print "BEGIN;" > up1
    for (i = 1; i <= n; i++) {
        rev = sprintf("r%04d", i)
        parent = i == 1 ? "base" : sprintf("r%04d", i - 1)
        ct = sprintf("CREATE TABLE t%d (id integer PRIMARY KEY, name text);", i)
        ci = sprintf("CREATE INDEX t%d_name ON t%d (name);", i, i)
        f = dir "/" rev "_t" i ".sql"
        printf "-- revision: %s\n-- revises: %s\n-- message: table t%d and its index\n\n-- +up\n%s\n%s\n-- +down\nDROP TABLE t%d;\n", rev, parent, i, ct, ci, i > f
        close(f)
        printf "BEGIN;\n%s\n%s\nCOMMIT;\n", ct, ci > up
        printf "%s\n%s\n", ct, ci > up1
    }
    print "COMMIT;" > up1
}'
[ "$(ls "$MIG" | wc -l)" -eq "$N" ] || die "expected $N migration files"

# Fresh databases are never dropped during the run: dropping thousands of
# relation files just before the next run creates as many makes the
# filesystem's inode allocation (ext4) slower for a while, and that noise
# falls on whichever side runs next.  They go with the server at the end.
DBN=0
fresh_db() { # sets DB, DBURL
    DBN=$((DBN + 1))
    DB=b$DBN
    pgsrv "CREATE DATABASE $DB"
    DBURL=$PG_BASE/$DB
}
pgdb() { PGAPPNAME=bench psql -X -q -At -v ON_ERROR_STOP=1 -d "$DBURL" -c "$1"; }

# --- checks ------------------------------------------------------------------
check_schema() { # WHAT
    local got
    got=$(pgdb "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
                         AND tablename ~ '^t[0-9]+\$')
            || ' ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'
                         AND indexname ~ '^t[0-9]+_name\$' AND indexdef LIKE '%(name)')
            || ' ' || (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'
                         AND indexname ~ '^t[0-9]+_pkey\$')
            || ' ' || (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
                         AND tablename !~ '^t[0-9]+\$'
                         AND tablename NOT IN ('strata_version', 'strata_history'))")
    [ "$got" = "$N $N $N 0" ] ||
        die "$1: tables / name indexes / primary keys / other tables = $got, expected $N $N $N 0"
}
check_strata() {
    local got
    check_schema "$1"
    got=$(pgdb "SELECT count(*) || ' ' || coalesce(max(revision), '') FROM strata_version")
    [ "$got" = "1 $LAST" ] || die "$1: strata_version holds '$got', expected one row '$LAST'"
    got=$(pgdb "SELECT count(*) FILTER (WHERE outcome = 'applied' AND direction = 'up')
                || ' ' || count(*) FILTER (WHERE outcome = 'failed') FROM strata_history")
    [ "$got" = "$N 0" ] || die "$1: strata_history applied/failed = $got, expected $N 0"
}
check_psql() {
    check_schema "$1"
    [ "$(pgdb "SELECT to_regclass('strata_version') IS NULL")" = t ] ||
        die "$1: a strata table appeared in a psql run"
}

# --- server CPU --------------------------------------------------------------
# CPU time (ms) of the postmaster and everything it reaped (backends that
# ended: the run's own backend) plus its live children (checkpointer,
# WAL writer, ...).  A run's server CPU is the difference across it.
cat >"$WORK/cpu.py" <<'EOF'
import os, sys
pm, tck = sys.argv[1], os.sysconf("SC_CLK_TCK")
def fields(pid):
    with open("/proc/%s/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()
f = fields(pm)
total = sum(int(x) for x in f[11:15])      # utime stime cutime cstime
for p in os.listdir("/proc"):
    if p.isdigit() and p != pm:
        try:
            g = fields(p)
        except OSError:
            continue
        if g[1] == pm:
            total += int(g[11]) + int(g[12])
print(total * 1000 // tck)
EOF
server_cpu() { python3 "$WORK/cpu.py" "$PG_PM"; }

STRATA_CMD_ARGS=(-q --migrations "$MIG" upgrade head)
# timed KEY: one timed run of KEY (S strata, C psql per migration, C1 psql
# one transaction) on a fresh database; appends to ${KEY}_ALL, ${KEY}_CPU,
# ${KEY}_SRV.
timed() {
    local key=$1 what=$2 c0 c1
    fresh_db
    pgsrv "CHECKPOINT"
    sleep 0.2
    c0=$(server_cpu)
    case $key in
    S) run "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}" ;;
    C) run psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up.sql" ;;
    C1) run psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up_one.sql" ;;
    esac
    sleep 0.3 # the backend's exit, so that the postmaster has reaped it
    c1=$(server_cpu)
    must_succeed "$what"
    if [ "$key" = S ]; then check_strata "$what"; else check_psql "$what"; fi
    eval "${key}_ALL=\"\${${key}_ALL:-} $MS\""
    eval "${key}_CPU=\"\${${key}_CPU:-} $(awk -v u="$UCPU" -v s="$SCPU" 'BEGIN { printf "%.0f", u + s }')\""
    eval "${key}_SRV=\"\${${key}_SRV:-} $((c1 - c0))\""
}

note "$RUNS timed runs each of strata, psql (a transaction per migration), psql (one transaction)"
for r in $(seq "$RUNS"); do
    case $((r % 3)) in
    1) order="S C C1" ;;
    2) order="C C1 S" ;;
    0) order="C1 S C" ;;
    esac
    for k in $order; do
        timed "$k" "$k run $r"
    done
    note "run $r: strata $(echo $S_ALL | awk '{ print $NF }') ms, psql $(echo $C_ALL | awk '{ print $NF }') ms, psql one txn $(echo $C1_ALL | awk '{ print $NF }') ms"
done

# shellcheck disable=SC2086
{
    S_MS=$(median $S_ALL); C_MS=$(median $C_ALL); C1_MS=$(median $C1_ALL)
    S_CPUM=$(median $S_CPU); C_CPUM=$(median $C_CPU); C1_CPUM=$(median $C1_CPU)
    S_SRVM=$(median $S_SRV); C_SRVM=$(median $C_SRV); C1_SRVM=$(median $C1_SRV)
}
up_ratio=$(ratio "$S_MS" "$C_MS")
le "$up_ratio" "$TARGET" && up_ok=yes || up_ok=no

table() {
    cat <<EOF
| metric | strata median ms | psql median ms | ratio | strata client CPU ms | psql client CPU ms | strata server CPU ms | psql server CPU ms | target | met? |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| \`upgrade head\` into an empty database (1,000 migrations) | $S_MS | $C_MS | $up_ratio | $S_CPUM | $C_CPUM | $S_SRVM | $C_SRVM | ≤ ${TARGET}× psql | $up_ok |
| informative: psql, whole script in ONE transaction | — | $C1_MS | $(ratio "$S_MS" "$C1_MS") | — | $C1_CPUM | — | $C1_SRVM | — | — |
EOF
}
table

# --- diagnosis ---------------------------------------------------------------
diagnose=0
case $DIAGNOSE in
1) diagnose=1 ;;
0) diagnose=0 ;;
*) [ "$up_ok" = yes ] || diagnose=1 ;;
esac

DIAG=$WORK/diagnosis.md
: >"$DIAG"
if [ "$diagnose" = 1 ]; then
    # One strata run and one psql run (a transaction per migration) into
    # fresh databases; KEY S or C, then the command's prefix (strace,
    # valgrind...), if any.
    diag_run() { # KEY WHAT [PREFIX...]
        local key=$1 what=$2
        shift 2
        fresh_db
        pgsrv "CHECKPOINT"
        if [ "$key" = S ]; then
            run "$@" "$STRATA_BIN" --url "$DBURL" "${STRATA_CMD_ARGS[@]}"
            must_succeed "strata ($what)"; check_strata "strata ($what)"
        else
            run "$@" psql -X -q -v ON_ERROR_STOP=1 -d "$DBURL" -f "$WORK/up.sql"
            must_succeed "psql ($what)"; check_psql "psql ($what)"
        fi
    }

    note "diagnosis: statement log"
    # Every statement with its server-side duration; the prefix names the
    # client (strata sets application_name=strata, psql's is psql, the
    # script's own connections are bench).
    pgsrv "ALTER SYSTEM SET log_min_duration_statement = 0" >/dev/null
    pgsrv "ALTER SYSTEM SET log_line_prefix = '%a|'" >/dev/null
    pgsrv "SELECT pg_reload_conf()" >/dev/null
    sleep 0.5
    SLOG=$PG_DIR/server.log
    logged_run() { # KEY OUT
        local off
        off=$(stat -c %s "$SLOG")
        diag_run "$1" "statement log run"
        sleep 0.5
        tail -c +$((off + 1)) "$SLOG" >"$2"
    }
    logged_run S "$WORK/log_strata.txt"
    LOG_S_MS=$MS
    logged_run C "$WORK/log_psql.txt"
    LOG_C_MS=$MS
    pgsrv "ALTER SYSTEM RESET log_min_duration_statement" >/dev/null
    pgsrv "ALTER SYSTEM RESET log_line_prefix" >/dev/null
    pgsrv "SELECT pg_reload_conf()" >/dev/null

    # Round trips: every message the client sends, from strace (-s 65536:
    # the whole of each send, in hex).  A round trip is a run of sends up to
    # the next receive (a pipeline, or a message longer than libpq's
    # buffer, takes several sends but one wait for the server).
    STRACE_S='' STRACE_C=''
    if command -v strace >/dev/null; then
        note "diagnosis: round trips (strace)"
        diag_run S "under strace" strace -f -qq -xx -s 65536 -e trace=sendto,recvfrom \
            -o "$WORK/strace_strata.txt"
        diag_run C "under strace" strace -f -qq -xx -s 65536 -e trace=sendto,recvfrom \
            -o "$WORK/strace_psql.txt"
        STRACE_S=$WORK/strace_strata.txt STRACE_C=$WORK/strace_psql.txt
    fi

    # Statements and round trips by kind, once per run and per migration;
    # the growth over the run; the findings.  Every number in them is
    # computed here from the measurements.
    cat >"$WORK/diag.py" <<'EOF'
import os, re, sys
n = int(sys.argv[1])
log_path = {"strata": sys.argv[2], "psql": sys.argv[3]}
st_path = {"strata": sys.argv[4], "psql": sys.argv[5]}
out = sys.argv[6]
E = os.environ
have_rt = bool(st_path["strata"] and st_path["psql"])

CAT = "catalog read: strata's prepared catalog queries"
CONNECT, DISCONNECT = "connection start (startup, authentication)", "connection end (Terminate)"
CT = re.compile(r'^CREATE TABLE "?t[0-9]+"?\s*\(', re.I)
CI = re.compile(r'^CREATE (UNIQUE )?INDEX "?t[0-9]+_name"?\s', re.I)
def md(s):
    return s.replace("|", "\\|")
def other(sql, what="other"):
    s = re.sub(r"'(?:[^']|'')*'", "'…'", sql)
    s = re.sub(r"\b[0-9]+\b", "N", s)
    s = re.sub(r"\s+", " ", s).strip()
    if len(s) > 60:
        s = s[:60] + "…"
    return "%s: `%s`" % (what, s.replace("`", "'"))
def split_sql(sql):
    """The statements of a simple-query message (split at semicolons
    outside string literals: enough for what strata and psql send)."""
    masked = re.sub(r"'(?:[^']|'')*'", lambda m: "x" * len(m.group(0)), sql)
    parts, start = [], 0
    for i, ch in enumerate(masked):
        if ch == ";":
            parts.append(sql[start:i])
            start = i + 1
    parts.append(sql[start:])
    return [p for p in parts if p.strip()]
SHORT = {"history row (INSERT INTO strata_history)": "history row",
         "version row (strata_version: INSERT, then UPDATE)": "version row"}
def classify(sql, name=""):
    if name.startswith("strata_"):
        return CAT
    parts = split_sql(sql) if sql else []
    if len(parts) > 1:
        # One message of several statements (strata's exec_batch): the
        # server logs one duration for all of them.
        ks = [SHORT.get(k, k) for k in map(classify_one, parts)]
        return ", ".join(ks[:-1]) + " and " + ks[-1] + " (one message)"
    return classify_one(sql)
def ends_txn(k):
    return k == "COMMIT" or (k or "").endswith(" and COMMIT (one message)")
def classify_one(sql):
    s = sql.strip().rstrip(";").strip()
    u = re.sub(r"\s+", " ", s.upper())
    if u in ("BEGIN", "COMMIT", "ROLLBACK", "START TRANSACTION", "END"):
        return u
    if u.startswith(("SAVEPOINT ", "RELEASE ", "ROLLBACK TO ")):
        return "SAVEPOINT / RELEASE / ROLLBACK TO"
    if CT.match(s):
        return "CREATE TABLE tN"
    if CI.match(s):
        return "CREATE INDEX tN_name"
    if re.match(r'^INSERT INTO "?STRATA_HISTORY"?', u):
        return "history row (INSERT INTO strata_history)"
    if re.match(r'^(INSERT INTO|UPDATE|DELETE FROM) "?STRATA_VERSION"?', u):
        return "version row (strata_version: INSERT, then UPDATE)"
    if u.startswith("CREATE TABLE IF NOT EXISTS") and "STRATA_" in u:
        return "strata's tables: CREATE TABLE IF NOT EXISTS"
    if re.match(r'^SELECT .* FROM "?STRATA_(HISTORY|VERSION)"?', u):
        return "strata's tables: read"
    if "PG_PREPARED_STATEMENTS" in u:
        return "which catalog queries are prepared (pg_prepared_statements)"
    if "ADVISORY" in u or "HASHTEXTEXTENDED" in u:
        return "advisory lock (key, lock, unlock)"
    if re.match(r"^SELECT 1 FROM PG_CATALOG\.PG_CLASS ", u):
        return "catalog: does a table exist (pg_class, one name)"
    if (u.startswith(("SET ", "RESET ", "SHOW ")) or "SET_CONFIG(" in u
            or "CURRENT_SETTING(" in u or u == "SELECT CURRENT_SCHEMA()"):
        return "session settings (SET, set_config, current_schema())"
    if "PG_CATALOG." in u or "INFORMATION_SCHEMA." in u:
        return other(s, "catalog, other")
    return other(s)

# --- the statement log -------------------------------------------------------
LINE = re.compile(r"^([^|]*)\|LOG:  duration: ([0-9.]+) ms  "
                  r"(statement|parse|bind|execute)( [^:]*)?: (.*)$", re.S)
HEAD = re.compile(r"^[^|]*\|[A-Z]+[0-9]?:  ")
def entries(f):
    """The log's entries: a statement with newlines in it (strata's
    exec_batch sends "…\\n;…") goes on over lines without the prefix."""
    cur = None
    for line in f:
        line = line.rstrip("\n")
        if HEAD.match(line) or cur is None:
            if cur is not None:
                yield cur
            cur = line
        else:
            cur += "\n" + line
    if cur is not None:
        yield cur
def read_log(path, who):
    """[(kind, server ms, executions)]: parse and bind of an unnamed
    statement are added to its execute; the parse of a named (prepared)
    statement is its own entry, with 0 executions."""
    res, pending = [], 0.0
    with open(path, errors="replace") as f:
        for line in entries(f):
            m = LINE.match(line)
            if not m or m.group(1) != who:
                continue
            ms, what, sql = float(m.group(2)), m.group(3), m.group(5)
            name = (m.group(4) or "").strip().split("/")[0]
            if name == "<unnamed>":
                name = ""
            if what == "parse" and name:
                res.append((classify(sql, name), ms, 0))
            elif what in ("parse", "bind"):
                pending += ms
            else:
                res.append((classify(sql, name), ms + pending, 1))
                pending = 0.0
    return res

# --- strace: round trips -----------------------------------------------------
CALL = re.compile(r'^[0-9]+ +(sendto|recvfrom)\([0-9]+, "((?:\\x[0-9a-f]{2})*)"(?:\.\.\.)?, .*\) = (-?[0-9]+)')
def classify_msg(d):
    if len(d) < 5 or d[0] == 0:       # SSLRequest, StartupMessage: no type byte
        return CONNECT
    t, body = chr(d[0]), d[5:5 + max(0, int.from_bytes(d[1:5], "big") - 4)]
    parts = body.split(b"\0")
    txt = lambda b: b.decode("utf-8", "replace")
    if t == "Q":
        return classify(txt(parts[0]))
    if t == "P" and len(parts) > 1:
        return classify(txt(parts[1]), txt(parts[0]))
    if t == "B" and len(parts) > 1:
        return classify("", txt(parts[1])) if parts[1] else other("unnamed bind", "other")
    if t == "X":
        return DISCONNECT
    if t == "p":
        return CONNECT
    return other("protocol message %s" % t, "other")
def read_strace(path):
    """[kind of each round trip]: a run of sends up to the next receive
    is one round trip, counted under its first message's kind."""
    res, sending = [], False
    with open(path, errors="replace") as f:
        for line in f:
            m = CALL.match(line)
            if not m:
                continue
            if m.group(1) == "recvfrom":
                if int(m.group(3)) > 0:
                    sending = False
                continue
            if sending:
                continue
            sending = True
            res.append(classify_msg(bytes.fromhex(m.group(2).replace("\\x", ""))))
    return res

# --- per phase ---------------------------------------------------------------
# The migrations: from the first BEGIN to the last COMMIT; the rest is once
# per run (strata: connecting, locking, its own tables, the catalog read;
# psql: connecting).
def phases(kinds):
    idx = [i for i, k in enumerate(kinds) if k == "BEGIN"]
    end = [i for i, k in enumerate(kinds) if ends_txn(k)]
    if not idx or not end:
        return lambda i: False
    a, b = idx[0], end[-1]
    return lambda i: a <= i <= b
stats = {}      # who -> phase -> kind -> [executions, ms, round trips]
growth = {}     # who -> group -> bucket -> ms
first_mig = {}  # who -> number of migrations seen (BEGINs in the phase)
for who in ("strata", "psql"):
    ent = read_log(log_path[who], who)
    if not any(c for _, _, c in ent):
        sys.exit("no statement of application_name=%s in the statement log" % who)
    inmig = phases([k if c else None for k, _, c in ent])
    st = stats[who] = {"run": {}, "mig": {}}
    gr = growth[who] = {}
    mig = 0
    for i, (k, ms, c) in enumerate(ent):
        ph = "mig" if inmig(i) else "run"
        v = st[ph].setdefault(k, [0, 0.0, 0])
        v[0] += c
        v[1] += ms
        if ph == "mig":
            if k == "BEGIN" and c:
                mig += 1
            b = (max(mig, 1) - 1) // 100
            for g in ("all", "ddl" if k in ("CREATE TABLE tN", "CREATE INDEX tN_name") else "rest"):
                gr.setdefault(g, {}).setdefault(b, 0.0)
                gr[g][b] += ms
    first_mig[who] = mig
    if have_rt:
        trips = read_strace(st_path[who])
        if not trips:
            sys.exit("strace recorded no sends of %s" % who)
        inmig = phases(trips)
        for i, k in enumerate(trips):
            st["mig" if inmig(i) else "run"].setdefault(k, [0, 0.0, 0])[2] += 1

def tot(who, ph, j):
    return sum(v[j] for v in stats[who][ph].values())
def get(who, ph, k):
    return stats[who][ph].get(k, [0, 0.0, 0])
def num(v, d=2):
    s = "%.*f" % (d, v)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s
def per(c):
    return num(c / n, 3) if c else "—"
def rt(c, pm=True):
    if not have_rt:
        return "n/a"
    return (per(c) if pm else str(c)) if c else "—"

psql_kinds = set(stats["psql"]["mig"])
mig_kinds = sorted(set(stats["strata"]["mig"]) | psql_kinds,
                   key=lambda k: (k not in psql_kinds, -get("strata", "mig", k)[1] - get("psql", "mig", k)[1]))
with open(out + "/mig.md", "w") as f:
    f.write("| statement | strata: per migration | strata: round trips per migration | strata: server ms, all %d | psql: per migration | psql: round trips per migration | psql: server ms, all %d |\n" % (n, n))
    f.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for k in mig_kinds:
        s, p = get("strata", "mig", k), get("psql", "mig", k)
        f.write("| %s | %s | %s | %.0f | %s | %s | %.0f |\n" % (md(k), per(s[0]), rt(s[2]), s[1], per(p[0]), rt(p[2]), p[1]))
    f.write("| **all, per migration** | **%s** | **%s** | **%.0f** | **%s** | **%s** | **%.0f** |\n" % (
        per(tot("strata", "mig", 0)), rt(tot("strata", "mig", 2)), tot("strata", "mig", 1),
        per(tot("psql", "mig", 0)), rt(tot("psql", "mig", 2)), tot("psql", "mig", 1)))
run_kinds = sorted(set(stats["strata"]["run"]) | set(stats["psql"]["run"]),
                   key=lambda k: -get("strata", "run", k)[1] - get("psql", "run", k)[1])
with open(out + "/run.md", "w") as f:
    f.write("| statement | strata: statements | strata: round trips | strata: server ms | psql: statements | psql: round trips | psql: server ms |\n")
    f.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for k in run_kinds:
        s, p = get("strata", "run", k), get("psql", "run", k)
        f.write("| %s | %s | %s | %.1f | %s | %s | %.1f |\n" % (md(k), s[0] or "—", rt(s[2], False), s[1], p[0] or "—", rt(p[2], False), p[1]))
    f.write("| **all, once per run** | **%d** | **%s** | **%.1f** | **%d** | **%s** | **%.1f** |\n" % (
        tot("strata", "run", 0), rt(tot("strata", "run", 2), False), tot("strata", "run", 1),
        tot("psql", "run", 0), rt(tot("psql", "run", 2), False), tot("psql", "run", 1)))
nb = (n + 99) // 100
def g(who, grp, b):
    return growth[who].get(grp, {}).get(b, 0.0) / min(100, n - b * 100)
with open(out + "/growth.md", "w") as f:
    f.write("| migrations | strata: all | strata: CREATE TABLE + CREATE INDEX | strata: the rest | psql: all | psql: CREATE TABLE + CREATE INDEX | psql: the rest |\n")
    f.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
    for b in range(nb):
        f.write("| %d–%d | %s |\n" % (b * 100 + 1, min(n, b * 100 + 100), " | ".join(
            "%.2f" % g(w, grp, b) for w in ("strata", "psql") for grp in ("all", "ddl", "rest"))))

# --- findings ----------------------------------------------------------------
f_ = lambda k: float(E[k])
S, C = f_("S_MS"), f_("C_MS")
SC, CC, SS, CS = f_("S_CPUM"), f_("C_CPUM"), f_("S_SRVM"), f_("C_SRVM")
# rounded as in the wall-time table, so that the differences agree with it
RS, RC = float("%.0f" % (S - SC - SS)), float("%.0f" % (C - CC - CS))
gap = S - C
L = []
tgt = float(E["TARGET"]) * C
L.append("strata's median is %.0f ms against psql's %.0f ms: %.2f×, the target is ≤ %s× (%s%s). "
         "The gap, %.0f ms (%.2f ms per migration), is %.0f ms of server CPU, %.0f ms of client "
         "CPU and %.0f ms of the rest (waiting)." % (
             S, C, S / C, E["TARGET"], "met" if E["UP_OK"] == "yes" else "missed",
             "" if E["UP_OK"] == "yes" else ": it needs ≤ %.0f ms, %.0f ms less" % (tgt, S - tgt),
             gap, gap / n, SS - CS, SC - CC, RS - RC))
if first_mig["strata"] != n or first_mig["psql"] != n:
    L.append("Note: the logged runs show %d (strata) and %d (psql) BEGINs where %d migrations "
             "were expected; the per-migration figures divide by %d all the same." % (
                 first_mig["strata"], first_mig["psql"], n, n))
# once per run
sr = stats["strata"]["run"]
cat = sr.get(CAT)
s = "Once per run (outside the migrations) strata sends %d statements%s, %.1f ms of logged server time" % (
    tot("strata", "run", 0), " in %d round trips" % tot("strata", "run", 2) if have_rt else "",
    tot("strata", "run", 1))
if cat:
    s += "; of it the catalog read, %d prepared queries executed%s, %.1f ms" % (
        cat[0], " over %d round trips (their prepares and one pipeline)" % cat[2] if have_rt else "", cat[1])
else:
    s += "; no prepared catalog query appears in the log"
L.append(s + ". psql: %d statements%s." % (
    tot("psql", "run", 0), ", %d round trips (connecting, disconnecting)" % tot("psql", "run", 2) if have_rt else ""))
# catalog inside the migrations
catk = [k for k in stats["strata"]["mig"] if k.startswith("catalog") or k == CAT
        or k.startswith("which catalog")]
if catk:
    L.append("Catalog statements inside the migrations: " + "; ".join(
        "%s, %s per migration, %.0f ms" % (md(k), per(get("strata", "mig", k)[0]), get("strata", "mig", k)[1])
        for k in catk) + ".")
else:
    L.append("No statement strata sends inside the migrations reads the catalog.")
# per migration
sm, pm = stats["strata"]["mig"], stats["psql"]["mig"]
L.append("Per migration strata sends %s statements%s, psql %s%s." % (
    per(tot("strata", "mig", 0)), " in %s round trips" % per(tot("strata", "mig", 2)) if have_rt else "",
    per(tot("psql", "mig", 0)), " in %s" % per(tot("psql", "mig", 2)) if have_rt else ""))
only = [k for k in sorted(sm, key=lambda k: -sm[k][1]) if k not in pm]
only_ms = sum(sm[k][1] for k in only)
only_rt = sum(sm[k][2] for k in only)
if only:
    L.append("Sent by strata only, per migration: " + "; ".join(
        "%s ×%s (%.0f µs of server time per migration%s)" % (
            md(k), per(sm[k][0]), sm[k][1] * 1000 / n,
            "; round trips per migration: %s" % per(sm[k][2]) if have_rt else "") for k in only)
        + ". Together %.0f ms of logged server time over the run." % only_ms)
else:
    L.append("strata sends no statement kind inside the migrations that psql does not.")
both = [k for k in sorted(pm, key=lambda k: -pm[k][1]) if k in sm]
if both:
    L.append("Sent by both, server time over the run, strata vs psql: " + "; ".join(
        "%s %.0f vs %.0f ms" % (md(k), sm[k][1], pm[k][1]) for k in both) + ".")
def z(v):          # no "-0"
    return 0.0 if round(v) == 0 else v
shared = sum(sm[k][1] - pm[k][1] for k in both)
log_s = round(tot("strata", "run", 1) + tot("strata", "mig", 1))
log_c = round(tot("psql", "run", 1) + tot("psql", "mig", 1))
unl_s, unl_c = SS - log_s, CS - log_c
extra = 0
if have_rt:
    trips_s = tot("strata", "mig", 2) + tot("strata", "run", 2)
    trips_c = tot("psql", "mig", 2) + tot("psql", "run", 2)
    extra = trips_s - trips_c
L.append("Server CPU outside the logged statement durations: the timed runs' median server CPU "
         "minus the logged run's statement time is %.0f − %.0f = %.0f ms for strata and "
         "%.0f − %.0f = %.0f ms for psql, %.0f ms more on strata's side%s (request handling "
         "outside the statements' execution, connection start, background processes such as "
         "autovacuum and the checkpointer; different runs, and the logged ones also pay for "
         "the logging)." % (
             SS, log_s, unl_s, CS, log_c, unl_c, z(unl_s - unl_c),
             ", %.0f µs per extra round trip" % (1000 * (unl_s - unl_c) / extra) if extra > 0 else ""))
if have_rt:
    s = "Round trips: %d in strata's run, %d in psql's, %d more (%s per migration). " % (
        trips_s, trips_c, extra, num(extra / n, 3))
    s += ("The waiting that is neither side's CPU (\"the rest\") is %.0f ms in strata's timed "
          "runs and %.0f ms in psql's (%.0f µs per round trip in psql's run); the difference, "
          "%.0f ms%s." % (RS, RC, 1000 * RC / trips_c if trips_c else 0, z(RS - RC),
                          ", is %.0f µs per extra round trip" % (1000 * (RS - RC) / extra) if extra > 0 else ""))
    L.append(s)
only_ms, run_ms = round(only_ms), round(tot("strata", "run", 1))
est1 = S - only_ms - run_ms
est2 = est1 - max(0.0, unl_s - unl_c)
L.append("An estimate, not a measurement: strata's median minus the logged server time of what "
         "psql does not send (%.0f ms once per run, %.0f ms in the migrations) is %.0f ms, "
         "%.2f× psql; minus also the server CPU outside the logged durations beyond psql's "
         "(%.0f ms), %.0f ms, %.2f×. What is then left of the gap, %.0f ms, compares with the "
         "client CPU difference (%.0f ms) and the statements both send taking %.0f ms more "
         "server time in strata's logged run than in psql's." % (
             run_ms, only_ms, est1, est1 / C, max(0.0, unl_s - unl_c),
             est2, est2 / C, z(est2 - C), z(SC - CC), z(shared)))
gl = nb - 1
L.append("Growth over the run (logged server ms per migration, first 100 → last 100 migrations): "
         "strata %.2f → %.2f, psql %.2f → %.2f." % (
             g("strata", "all", 0), g("strata", "all", gl), g("psql", "all", 0), g("psql", "all", gl)))
with open(out + "/findings.md", "w") as f:
    for l in L:
        f.write("- %s\n" % l)
with open(out + "/kv.sh", "w") as f:
    f.write("STMT_S=%s\nSTMT_C=%s\nRT_S=%s\nRT_C=%s\n" % (
        per(tot("strata", "mig", 0)), per(tot("psql", "mig", 0)),
        rt(tot("strata", "mig", 2)), rt(tot("psql", "mig", 2))))
EOF
    mkdir "$WORK/diag"
    S_MS=$S_MS C_MS=$C_MS S_CPUM=$S_CPUM C_CPUM=$C_CPUM S_SRVM=$S_SRVM C_SRVM=$C_SRVM \
        TARGET=$TARGET UP_OK=$up_ok NPROC=$(nproc) \
        python3 "$WORK/diag.py" "$N" "$WORK/log_strata.txt" "$WORK/log_psql.txt" \
        "$STRACE_S" "$STRACE_C" "$WORK/diag" || die "analysing the statement log / strace failed"
    # shellcheck disable=SC1091
    . "$WORK/diag/kv.sh"

    # The client: where its CPU goes (callgrind, instructions).
    CG=
    if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
        note "diagnosis: callgrind of strata"
        diag_run S "under callgrind" valgrind --tool=callgrind \
            --callgrind-out-file="$WORK/callgrind.out"
        # Paths relative to the binary's source tree (build/strata's
        # parent), and no object name for strata's own files.
        SRC=$(dirname "$(dirname "$STRATA_BIN")")
        CG_SED="s# \\[$SRC/[^]]*\\]##; s#$SRC/##g"
        # --auto=no: the function lists only, no annotated source.
        callgrind_annotate --inclusive=no --threshold=100 --auto=no "$WORK/callgrind.out" \
            >"$WORK/cg_self_all.txt" 2>/dev/null
        callgrind_annotate --inclusive=yes --auto=no "$WORK/callgrind.out" \
            >"$WORK/cg_incl_all.txt" 2>/dev/null
        CG_TOTAL=$(awk '/PROGRAM TOTALS/ { gsub(/,/, "", $1); print $1; exit }' "$WORK/cg_self_all.txt")
        # A function line: "COST (PCT%)  FILE:FUNCTION [OBJECT]"; fn() is
        # what follows the cost.
        CG_FN='function fn(l) { sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", l); return l }'
        # Self cost by object: strata (the binary and its drivers), libpq,
        # glibc (libc and the dynamic loader: their sources are "./..."),
        # the rest (libcrypto, libiniparser...).
        CG_OBJ=$(awk -v src="$SRC" "$CG_FN"'
            /\(.*%\)/ && !/PROGRAM TOTALS/ {
                c = $1; gsub(/,/, "", c); l = fn($0)
                if (index(l, src "/") == 1 || index(l, "[" src "/")) o = "strata"
                else if (l ~ /libpq\.so/) o = "libpq"
                else if (l ~ /^\.\// || l ~ /\/(libc|ld-linux[^\/ ]*)\.so/) o = "glibc"
                else o = "other"
                s[o] += c; t += c }
            END { if (t) printf "strata (binary and driver) %.0f%%, libpq %.0f%%, glibc %.0f%%, other libraries %.0f%%",
                     100 * s["strata"] / t, 100 * s["libpq"] / t, 100 * s["glibc"] / t, 100 * s["other"] / t }' \
            "$WORK/cg_self_all.txt")
        # Inclusive cost of strata's own stages (the top ones below the
        # command itself), then the top self costs.
        awk "$CG_FN"'
            /\(.*%\)/ && /\/(core|drivers)\// && !/main\.c:main|cli\.c:strata__cli_run|cmd_migrate\.c:(migrate|strata__cmd_upgrade)/ {
                f = fn($0); k = f; sub(/ .*/, "", k); sub(/.*:/, "", k); if (!seen[k]++) print }' \
            "$WORK/cg_incl_all.txt" | head -n 14 | sed "$CG_SED" >"$WORK/cg_incl.txt"
        awk '/\(.*%\)/ && !/PROGRAM TOTALS/' "$WORK/cg_self_all.txt" | head -n 12 |
            sed "$CG_SED" >"$WORK/cg_self.txt"
        if [ -n "$CG_TOTAL" ]; then CG=yes; fi
    fi

    REST_S=$(awk -v w="$S_MS" -v c="$S_CPUM" -v s="$S_SRVM" 'BEGIN { printf "%.0f", w - c - s }')
    REST_C=$(awk -v w="$C_MS" -v c="$C_CPUM" -v s="$C_SRVM" 'BEGIN { printf "%.0f", w - c - s }')
    pm() { awk -v a="$1" -v n="$N" 'BEGIN { v = a / n; if (v > -0.005 && v < 0.005) v = 0; printf "%.2f", v }'; }
    cat >>"$DIAG" <<EOF
### Where strata's time goes

Measured after the timed runs, on fresh databases of the same server, by
\`bench/pg_1000.sh\` itself (\`DIAGNOSE=1\` runs it even when the target is met).

**Wall time, decomposed** (medians of the timed runs; client CPU is user +
sys of the process from \`wait4\`; server CPU is the PostgreSQL processes'
CPU over the run, from \`/proc\`: the run's backend once the postmaster has
reaped it, plus the auxiliary processes; "the rest" is waiting that is
neither, mostly round-trip latency and scheduling on $(nproc) CPUs):

| | strata | psql | difference | difference per migration |
| --- | ---: | ---: | ---: | ---: |
| wall ms | $S_MS | $C_MS | $(minus "$S_MS" "$C_MS") | $(pm "$(minus "$S_MS" "$C_MS")") |
| client CPU ms | $S_CPUM | $C_CPUM | $(minus "$S_CPUM" "$C_CPUM") | $(pm "$(minus "$S_CPUM" "$C_CPUM")") |
| server CPU ms | $S_SRVM | $C_SRVM | $(minus "$S_SRVM" "$C_SRVM") | $(pm "$(minus "$S_SRVM" "$C_SRVM")") |
| the rest ms | $REST_S | $REST_C | $(minus "$REST_S" "$REST_C") | $(pm "$(minus "$REST_S" "$REST_C")") |
| statements per migration (server log) | $STMT_S | $STMT_C | | |
| round trips per migration (strace) | $RT_S | $RT_C | | |

**Statements and round trips by kind.** Server time: one run each with
\`log_min_duration_statement = 0\` and \`log_line_prefix = '%a|'\` (set with
\`ALTER SYSTEM\` on the scratch server and reset afterwards; those runs
took $(sec "$LOG_S_MS") s and $(sec "$LOG_C_MS") s with the logging); for
extended-protocol statements the parse, bind and execute durations are
added up, a prepare's to its query's kind. Round trips: $(if [ -n "$STRACE_S" ]; then
echo "one more run each under \`strace -f -e trace=sendto,recvfrom\`; a run of
sends up to the next receive is one round trip, counted under the kind of
its first message (a pipeline is one)."; else echo "not measured (no strace)."; fi) "Per migration" is
everything from the first BEGIN to the last COMMIT, divided by $N; the
rest is once per run.

Per migration:

$(cat "$WORK/diag/mig.md")

Once per run:

$(cat "$WORK/diag/run.md")

**How the costs grow over the run** (logged server ms per migration, by
100-migration bucket, same runs):

$(cat "$WORK/diag/growth.md")
EOF
    if [ "$CG" = yes ]; then
        cat >>"$DIAG" <<EOF

**The client** (\`valgrind --tool=callgrind\` of one more \`strata upgrade
head\`: $(awk -v n="$CG_TOTAL" 'BEGIN { printf "%.0f million", n / 1e6 }') instructions in user space in all, by object
(self cost): $CG_OBJ; the client CPU above also counts the kernel's
share). strata's stages, inclusive:

\`\`\`
$(cat "$WORK/cg_incl.txt")
\`\`\`

Top self costs:

\`\`\`
$(cat "$WORK/cg_self.txt")
\`\`\`
EOF
    fi
    cat >>"$DIAG" <<EOF

**Findings** (computed by the script from the numbers above):

$(cat "$WORK/diag/findings.md")
EOF
    if [ "$CG" = yes ]; then
        # name (pct) of a listing's first lines
        cg_top() { # FILE LINES
            head -n "$2" "$1" | awk '{ p = $0; sub(/^[^(]*\( */, "", p); sub(/%\).*/, "%", p)
                f = $0; sub(/^[^)]*\) +/, "", f); sub(/ .*/, "", f); sub(/.*:/, "", f)
                printf "%s%s (%s)", (NR > 1 ? ", " : ""), f, p }'
        }
        echo "- The client: $(awk -v n="$CG_TOTAL" -v m="$N" 'BEGIN { printf "%.0f million instructions, %.2f million per migration", n / 1e6, n / 1e6 / m }') in user space ($CG_OBJ); its CPU is $S_CPUM ms against psql's $C_CPUM ms. Its largest stages (inclusive): $(cg_top "$WORK/cg_incl.txt" 4); its largest self costs: $(cg_top "$WORK/cg_self.txt" 4)." >>"$DIAG"
    fi
fi

[ "$record" = 1 ] || { [ "$diagnose" = 1 ] && cat "$DIAG"; exit 0; }

# --- RESULTS.md --------------------------------------------------------------
settings=$(pgsrv "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name)
                  FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit',
                  'full_page_writes', 'shared_buffers', 'autovacuum')")
version=$(pgsrv "SHOW server_version")
fs=$(df -PT "$PG_DIR" 2>/dev/null | awk 'NR == 2 { print $2 " (" $1 ")" }')
section=$WORK/section.md
cat >"$section" <<EOF
$SECTION

Recorded by \`bench/pg_1000.sh --record\` (see bench/README.md for what is
measured). The target comes from issue 4's last acceptance point.

| | |
| --- | --- |
$(machine_rows)
| server | PostgreSQL $version, a throwaway cluster from \`tests/servers.sh\`, tuned for tests: $settings; data on ${fs:-unknown}; client and server on the same machine (127.0.0.1) |
| psql | $(psql --version) |
| runs | median of $RUNS timed runs per line, each into a fresh database (\`CREATE DATABASE\` and \`CHECKPOINT\` untimed), the three kinds rotating their order |

$(table)

Ratio = strata median / psql median. The baseline is
\`psql -X -q -v ON_ERROR_STOP=1 -f up.sql\` where \`up.sql\` has
\`BEGIN; CREATE TABLE tN …; CREATE INDEX tN_name …; COMMIT;\` per
migration; the informative line wraps the whole script in one
transaction. strata runs a transaction per migration on PostgreSQL (the
migration's DDL and its version row commit together). Every run was
checked: $N tables \`tN\`, $N indexes \`tN_name\` on \`(name)\` and $N primary
keys, nothing else; strata's runs also one \`strata_version\` row
(\`$LAST\`) and $N applied, 0 failed \`strata_history\` rows. The server
has fsync and synchronous_commit off, which makes commits nearly free and
leaves the statements' own cost and the round trips: a server that flushes
every commit would add the same flush time to both sides and lower the
ratio.

$( [ "${fs%% *}" = tmpfs ] && cat <<EOT
The server's data directory is on tmpfs (\`SERVER_TMPDIR\`, default
\`/dev/shm\`): each run creates about 5,000 relation files, and on this
machine's root filesystem (ext4) creating files shortly after many were
deleted (an earlier run's cleanup, other test servers) is slower for
minutes; that was seen to change the same psql run's time up to threefold
from one run to the next. \`SERVER_TMPDIR=/tmp\` puts it on disk.
EOT
)

Samples (ms, in run order):
- strata upgrade head: $(fmt1 $S_ALL)
- psql, a transaction per migration: $(fmt1 $C_ALL)
- psql, one transaction: $(fmt1 $C1_ALL)
- strata client CPU: ${S_CPU# }; server CPU: ${S_SRV# }
- psql client CPU: ${C_CPU# }; server CPU: ${C_SRV# }

$(cat "$DIAG")

EOF
record_section "$section"
