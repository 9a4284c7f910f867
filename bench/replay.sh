#!/usr/bin/env bash
# bench/replay.sh - how much of the gap between strata and an engine's
# own client is strata: the statements strata sends for a chain's apply
# and downgrade (a table and an index per revision) are read from the
# server's log and replayed by the engine's client with the same message
# boundaries (SQLite, which keeps no log: strata's own `--sql` script of
# the run, the same statements); strata, the replay and the client's
# floor file are timed interleaved, each on a fresh database
# (bench/replay.py).
#
#   bench/replay.sh [--engines postgres,mysql,sqlite] [--size 1000]
#                   [--runs 7] [--single-transaction]
#
# --single-transaction: strata runs with it, and the client's floor file
# is one transaction (PostgreSQL; MariaDB's DDL commits itself anyway).
# Prints a Markdown table of medians (bench/RESULTS.md, "## Scale:
# strata's own work ..."); records nothing itself.  SERVER_TMPDIR: where
# the throwaway servers keep their data (default /dev/shm).
set -eu
prog=replay.sh
. "$(dirname "$0")/lib.sh"

ENGINES=postgres,mysql SIZE=1000 RUNS=7 ONE_TX=0
while [ $# -gt 0 ]; do
    case $1 in
    --single-transaction) ONE_TX=1; shift; continue ;;
    --engines) ENGINES=$2 ;;
    --size) SIZE=$2 ;;
    --runs) RUNS=$2 ;;
    *) echo "usage: $0 [--engines postgres,mysql,sqlite] [--size N] [--runs N] [--single-transaction]" >&2; exit 2 ;;
    esac
    shift 2
done
for v in "$SIZE" "$RUNS"; do
    case $v in ''|*[!0-9]*|0) die "--size and --runs take a positive number" ;; esac
done
bench_binary sqlite
bench_workdir
SERVER_TMPDIR=${SERVER_TMPDIR:-/dev/shm}
kinds=
case ",$ENGINES," in *,postgres,*) kinds="$kinds postgres" ;; esac
case ",$ENGINES," in *,mysql,*) kinds="$kinds mysql" ;; esac
case ",$ENGINES," in *,sqlite,*) ;; *)
    [ -n "$kinds" ] || die "--engines: postgres, mysql, sqlite or several" ;;
esac
# shellcheck disable=SC2086
[ -z "$kinds" ] || start_servers $kinds
STRATA_BIN=$(cd "$(dirname "$STRATA")" && pwd)/$(basename "$STRATA")
export STRATA_BIN WORK ENGINES SIZE RUNS ONE_TX
export PG_BASE=${PG_BASE:-} PG_DIR=${PG_DIR:-} MY_HOST=${MY_HOST:-} MY_PORT=${MY_PORT:-}
export MY_USER=${MY_USER:-} MY_PASSWORD=${MY_PASSWORD:-}
/usr/bin/python3 "$ROOT/bench/replay.py"
