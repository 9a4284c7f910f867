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
# --single-transaction, PostgreSQL only); strataP: strata with
# --preload LIB (an allocator, LD_PRELOAD: what strata's own work would
# gain from one; measured only with --preload).  --runs-big: runs for the 10,000
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
    scale_opt "$@"
    if [ "$SHIFT" = 0 ]; then
        SHIFT=2
        case $1 in
        --sizes) SIZES=$2 ;;
        --runs-big) RUNS_BIG=$2 ;;
        --tools) TOOLS=$2 ;;
        --preload) STRATA_PRELOAD=$(realpath -e "$2") ||
                       die "--preload: no file $2" ;;
        *) echo "usage: $0 [--engines LIST] [--sizes LIST] [--runs N] [--runs-big N] [--tools LIST] [--preload LIB] [--samples FILE] [--report] [--record]" >&2
           exit 2 ;;
        esac
    fi
    shift "$SHIFT"
done
RUNS_BIG=${RUNS_BIG:-$RUNS}
export STRATA_PRELOAD=${STRATA_PRELOAD:-}
case ",$TOOLS," in *,strataP,*) [ -n "$STRATA_PRELOAD" ] || note "strataP left out: no --preload" ;;
*) [ -z "$STRATA_PRELOAD" ] || note "--preload has no effect without strataP in --tools" ;;
esac
for v in "$RUNS" "$RUNS_BIG"; do
    case $v in ''|*[!0-9]*|0) die "--runs and --runs-big take a positive number" ;; esac
done

bench_binary sqlite
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 is required (Debian's, with python3-alembic, python3-psycopg2, python3-pymysql)"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required for peak RSS"
find_dbmate
[ -n "$DBMATE" ] || note "no dbmate (npm install --prefix /tmp/dbmate dbmate): left out"
bench_workdir
scale_py

[ "$record" = 1 ] || exit 0
if commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
        commit="$commit + uncommitted changes"
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
section=$WORK/section.md
{
    section_head 16
    cat <<EOF
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
