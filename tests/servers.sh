#!/usr/bin/env bash
# servers.sh - throwaway PostgreSQL, MariaDB and Firebird servers for the
# tests, on 127.0.0.1 with free ports, each in its own temporary directory.
#
#   tests/servers.sh start [postgres] [mysql] [firebird]
#                                               start them (default: the
#                                               first two);
#                                               prints STRATA_TEST_*_URL=...
#   tests/servers.sh stop                       stop them by pid, remove dirs
#   tests/servers.sh env                        print the URLs again
#
# State lives in $STRATA_SERVERS (default build/servers).  Run as root, the
# servers run as the unprivileged user `nobody` (initdb and mariadbd refuse
# root).  Only loopback addresses; every server is stopped by its pid.
set -eu
cd "$(dirname "$0")/.."
STATE=${STRATA_SERVERS:-build/servers}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# as_owner CMD...: run as the server's owner (nobody when we are root).
# It execs, so that `as_owner server &` leaves $! the server's own pid
# (a wrapper shell's pid would be stopped while the server ran on).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        exec setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        exec "$@"
    fi
}

make_dir() { # a fresh directory the owner can write
    local d
    d=$(mktemp -d "${TMPDIR:-/tmp}/strata-$1.XXXXXX")
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$d"
    chmod 0700 "$d"
    echo "$d"
}

wait_for() { # SECONDS CMD...: poll CMD until it succeeds
    local n=$(($1 * 10))
    shift
    while [ "$n" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
        n=$((n - 1))
    done
    return 1
}

start_postgres() {
    local dir port
    [ -x "$PGBIN/initdb" ] || { echo "servers.sh: no $PGBIN/initdb" >&2; return 1; }
    dir=$(make_dir pg)
    port=$(free_port)
    (as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust \
        -E UTF8 --no-locale) >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    # Small and fast: no fsync (a throwaway cluster), loopback only.
    as_owner "$PGBIN/postgres" -D "$dir/data" -h 127.0.0.1 -p "$port" \
        -k "$dir" -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=100 \
        >"$dir/server.log" 2>&1 &
    echo "$!" >"$STATE/postgres.pid"
    echo "$dir" >"$STATE/postgres.dir"
    if ! wait_for 30 "$PGBIN/pg_isready" -h 127.0.0.1 -p "$port" -q; then
        cat "$dir/server.log" >&2
        return 1
    fi
    echo "STRATA_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres" \
        >>"$STATE/env"
}

start_mysql() {
    local dir port
    command -v mariadbd >/dev/null || { echo "servers.sh: no mariadbd" >&2; return 1; }
    dir=$(make_dir mysql)
    port=$(free_port)
    (as_owner mariadb-install-db --no-defaults --datadir="$dir/data" \
        --auth-root-authentication-method=normal --skip-test-db) \
        >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; return 1; }
    # Its own tmpdir: implicit temporary tables (information_schema
    # queries) live there, out of reach of whatever else cleans /tmp.
    mkdir "$dir/tmp"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir/tmp"
    as_owner mariadbd --no-defaults --datadir="$dir/data" \
        --socket="$dir/mysql.sock" --pid-file="$dir/mariadbd.pid" \
        --tmpdir="$dir/tmp" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
        --innodb-buffer-pool-size=128M --max-connections=200 \
        --log-error="$dir/server.log" >/dev/null 2>&1 &
    echo "$!" >"$STATE/mysql.pid"
    echo "$dir" >"$STATE/mysql.dir"
    if ! wait_for 60 mariadb --no-defaults -uroot --socket="$dir/mysql.sock" \
        -e 'SELECT 1'; then
        cat "$dir/server.log" >&2
        return 1
    fi
    # A user for TCP connections; root stays on the socket.
    mariadb --no-defaults -uroot --socket="$dir/mysql.sock" -e "
        CREATE USER 'strata'@'127.0.0.1' IDENTIFIED BY 'my-Test-9pw';
        GRANT ALL ON *.* TO 'strata'@'127.0.0.1' WITH GRANT OPTION;"
    echo "STRATA_TEST_MYSQL_URL=mysql://strata:my-Test-9pw@127.0.0.1:$port/mysql" \
        >>"$STATE/env"
    echo "STRATA_TEST_MYSQL_SOCKET=$dir/mysql.sock" >>"$STATE/env"
}

# Firebird 3 as its own SuperServer: a root directory of its own (the
# package's plugins and messages linked in, a firebird.conf binding
# 127.0.0.1 and a free port), its own security database with a SYSDBA
# password, lock and temporary directories; databases are files in
# $dir/db, created by the driver on first connect.
FBLIB=${FBLIB:-/usr/lib/x86_64-linux-gnu/firebird/3.0}
FBSECDB=${FBSECDB:-/var/lib/firebird/3.0/system/security3.fdb}
fb_env() { # DIR CMD...: run CMD as the owner against that root
    local dir=$1
    shift
    FIREBIRD="$dir/root" FIREBIRD_LOCK="$dir/lock" FIREBIRD_TMP="$dir/tmp" \
        as_owner "$@"
}
start_firebird() {
    local dir port f
    if [ ! -x /usr/sbin/firebird ] || [ ! -f "$FBSECDB" ]; then
        echo "servers.sh: no /usr/sbin/firebird or $FBSECDB" >&2
        return 1
    fi
    dir=$(make_dir fb)
    port=$(free_port)
    mkdir "$dir/root" "$dir/lock" "$dir/tmp" "$dir/db"
    for f in plugins intl UDF firebird.msg plugins.conf; do
        ln -s "$FBLIB/$f" "$dir/root/$f"
    done
    cp "$FBSECDB" "$dir/security3.fdb"
    {
        echo "RemoteServicePort = $port"
        echo "RemoteBindAddress = 127.0.0.1"
        echo "SecurityDatabase = $dir/security3.fdb"
        echo "UdfAccess = None"
    } >"$dir/root/firebird.conf"
    : >"$dir/root/databases.conf"
    printf '%s\n' "CREATE OR ALTER USER SYSDBA PASSWORD 'fb-Test-9pw' USING PLUGIN Srp;" \
        'COMMIT;' >"$dir/sysdba.sql"
    [ "$(id -u)" -eq 0 ] && chown -R nobody:nogroup "$dir"
    # Embedded access to the security database sets the password.
    (fb_env "$dir" isql-fb -q -user SYSDBA -i "$dir/sysdba.sql" \
        "$dir/security3.fdb") >"$dir/sysdba.log" 2>&1 ||
        { cat "$dir/sysdba.log" >&2; return 1; }
    fb_env "$dir" /usr/sbin/firebird >"$dir/server.log" 2>&1 &
    echo "$!" >"$STATE/firebird.pid"
    echo "$dir" >"$STATE/firebird.dir"
    if ! wait_for 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"; then
        cat "$dir/server.log" >&2
        return 1
    fi
    echo "STRATA_TEST_FB_URL=firebird://SYSDBA:fb-Test-9pw@127.0.0.1:$port$dir/db" \
        >>"$STATE/env"
}

stop_one() {
    local name=$1 pid dir sig=TERM
    [ -f "$STATE/$name.pid" ] || return 0
    pid=$(cat "$STATE/$name.pid")
    dir=$(cat "$STATE/$name.dir" 2>/dev/null || true)
    # postgres: SIGINT is its fast shutdown (TERM waits for clients);
    # mariadbd ignores SIGINT and shuts down on TERM.
    # (firebird shuts down on TERM)
    [ "$name" = postgres ] && sig=INT
    if kill -0 "$pid" 2>/dev/null; then
        kill -"$sig" "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/$name.pid" "$STATE/$name.dir"
    [ -n "$dir" ] && rm -rf "$dir"
}

case "${1:-}" in
start)
    shift
    mkdir -p "$STATE"
    : >"$STATE/env"
    [ $# -gt 0 ] || set -- postgres mysql
    for s in "$@"; do
        stop_one "$s"
        "start_$s" || { echo "servers.sh: $s did not start" >&2; exit 1; }
    done
    cat "$STATE/env"
    ;;
stop)
    stop_one postgres
    stop_one mysql
    stop_one firebird
    rm -f "$STATE/env"
    ;;
env)
    cat "$STATE/env" 2>/dev/null || true
    ;;
*)
    echo "usage: tests/servers.sh start [postgres] [mysql] [firebird] | stop | env" >&2
    exit 2
    ;;
esac
