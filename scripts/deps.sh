#!/bin/sh
# deps.sh - install the Debian packages strata's build and tests need
# (as root), or print the exact apt-get line to run (otherwise).
set -eu

# Build: compiler, pkg-config, the core's libraries (iniparser, OpenSSL's
# libcrypto, jansson, libyaml for seed files), each driver's client
# library (libsqlite3, libpq, MariaDB Connector/C) and libpg_query, the
# PostgreSQL grammar the PostgreSQL driver lints raw SQL with.
# Tests: cmocka, python3, flock (util-linux), and the engines themselves:
# the sqlite3 CLI, a PostgreSQL 15 server and client, a MariaDB server and
# client (tests/servers.sh runs throwaway instances of both), Firebird 3's
# client library (firebird-dev), server and isql (throwaway too), graphviz
# (dot renders what `strata graph` prints) and python3-alembic (the
# differential test of targets against Alembic, tests/alembic/), clang
# with libclang-rt-14-dev, libFuzzer's runtime, which clang only
# recommends (the fuzz targets of tests/fuzz: `make fuzz`).
# The manual page: scdoc builds it, man-db's `man -l` renders it in the
# tests; zsh checks the zsh completion.
PACKAGES="gcc g++ make pkg-config libc6-dev binutils libiniparser-dev \
libssl-dev libjansson-dev libyaml-dev libcmocka-dev libsqlite3-dev sqlite3 python3 util-linux procps graphviz \
python3-alembic scdoc man-db zsh \
libpq-dev libpg-query-dev postgresql-15 postgresql-client-15 \
default-libmysqlclient-dev mariadb-server mariadb-client \
firebird-dev firebird3.0-server firebird3.0-utils \
clang libclang-rt-14-dev"

case "${1:-}" in
--list) echo $PACKAGES; exit 0 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: not a Debian system; install the equivalents of:" >&2
    echo "  $PACKAGES" >&2
    exit 0
fi

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages; run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
