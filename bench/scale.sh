#!/usr/bin/env bash
# bench/scale.sh - chains of 100, 1,000 and 10,000 revisions (a table and
# an index each) on SQLite, PostgreSQL and MariaDB: strata, the engine's
# own client (the floor: one file in one transaction, and a transaction per
# migration), dbmate and Alembic; apply, no-op at head, downgrade base;
# whole-process wall time and peak RSS, medians, kinds interleaved, a fresh
# database per run.  Writes one table per engine (bench/README.md).
#
#   bench/scale.sh [--engines sqlite,postgres,mysql] [--sizes 100,1000,10000]
#                  [--runs 5] [--runs-big N] [--tools LIST] [--samples FILE]
#                  [--report] [--record]
#
# --tools: strata,strata1,floor1,floorN,dbmate,alembic (strata1: strata
# --single-transaction, PostgreSQL only).  --runs-big: runs for the 10,000
# chains (default --runs).  --samples FILE: merge into FILE (JSON) and
# render every engine and size it holds, so that subsets measured by
# several invocations make one section.  --report: measure nothing, render
# what --samples FILE holds.  --record: rewrite the "## Scale"
# section of bench/RESULTS.md.  DBMATE: the dbmate binary (default: looked
# up in PATH and /tmp/dbmate, where `npm install --prefix /tmp/dbmate
# dbmate` puts it); without it dbmate is left out.  SERVER_TMPDIR: where
# the throwaway servers keep their data (default /dev/shm).
set -eu
prog=scale.sh
SECTION='## Scale: 100 to 10,000 revisions'
. "$(dirname "$0")/lib.sh"

record=0 samples= report=
ENGINES=${ENGINES:-sqlite,postgres,mysql}
SIZES=${SIZES:-100,1000,10000}
RUNS=${RUNS:-5}
TOOLS=${TOOLS:-strata,strata1,floor1,floorN,dbmate,alembic}
while [ $# -gt 0 ]; do
    case $1 in
    --engines) ENGINES=$2; shift ;;
    --sizes) SIZES=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --runs-big) RUNS_BIG=$2; shift ;;
    --tools) TOOLS=$2; shift ;;
    --samples) samples=$(realpath -m "$2"); shift ;;
    --record) record=1 ;;
    --report) report=render ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--engines LIST] [--sizes LIST] [--runs N] [--runs-big N] [--tools LIST] [--samples FILE] [--report] [--record]" >&2
       exit 2 ;;
    esac
    shift
done
RUNS_BIG=${RUNS_BIG:-$RUNS}
for v in "$RUNS" "$RUNS_BIG"; do
    case $v in ''|*[!0-9]*|0) die "--runs and --runs-big take a positive number" ;; esac
done

bench_binary sqlite
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 is required (Debian's, with python3-alembic, python3-psycopg2, python3-pymysql)"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required for peak RSS"
DBMATE=${DBMATE:-$(command -v dbmate ||
    ls /tmp/dbmate/node_modules/@dbmate/*/bin/dbmate 2>/dev/null | head -n 1 || true)}
[ -n "$DBMATE" ] || note "no dbmate (npm install --prefix /tmp/dbmate dbmate): left out"
bench_workdir
SERVER_TMPDIR=${SERVER_TMPDIR:-/dev/shm}
[ -z "$report" ] || [ -n "$samples" ] || die "--report needs --samples FILE"
kinds=
if [ -z "$report" ]; then
    case ",$ENGINES," in *,postgres,*) kinds="$kinds postgres" ;; esac
    case ",$ENGINES," in *,mysql,*) kinds="$kinds mysql" ;; esac
fi
# shellcheck disable=SC2086
[ -z "$kinds" ] || start_servers $kinds

export ROOT WORK STRATA_BIN ENGINES SIZES RUNS RUNS_BIG TOOLS DBMATE
export PG_BASE=${PG_BASE:-} MY_HOST=${MY_HOST:-} MY_PORT=${MY_PORT:-}
export MY_USER=${MY_USER:-} MY_PASSWORD=${MY_PASSWORD:-}
export SAMPLES=${samples:-$WORK/samples.json} OUT=$WORK/tables.md
/usr/bin/python3 "$ROOT/bench/scale.py" $report
cat "$OUT"

[ "$record" = 1 ] || exit 0
if commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
        commit="$commit + uncommitted changes"
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
section=$WORK/section.md
{
    cat <<EOF
$SECTION

Recorded by \`bench/scale.sh --record\` (bench/README.md says what is
measured; the targets are issue 16's).

| | |
| --- | --- |
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| machine | nproc $(nproc), ${cpu:-unknown CPU}, shared with other jobs (the load is given per table) |
| kernel | $(uname -sr) |
| strata | ${commit:-unknown} |
| engines | SQLite $(sqlite3 --version | awk '{ print $1 }') (sqlite3 CLI, same library as the driver); $(psql --version 2>/dev/null | awk '{ print $1, $3 }') server from tests/servers.sh (fsync off); $(mariadb --version 2>/dev/null | grep -o '[0-9.]*-MariaDB' | head -n 1) from tests/servers.sh (innodb_flush_log_at_trx_commit=0); server data on ${SERVER_TMPDIR} |
| peers | dbmate $("$DBMATE" --version 2>/dev/null | awk '{ print $3 }') (npm); Alembic $(/usr/bin/python3 -c 'import alembic; print(alembic.__version__)') with SQLAlchemy $(/usr/bin/python3 -c 'import sqlalchemy; print(sqlalchemy.__version__)') (Debian) |
| method | whole-process wall time (monotonic clock around spawn and wait), median of the runs given per row; every tool's apply, no-op and downgrade run back to back on a fresh database, the tools' order rotating each run; peak RSS from GNU time around every run (the largest) |

EOF
    cat "$OUT"
} >"$section"
record_section "$section"
