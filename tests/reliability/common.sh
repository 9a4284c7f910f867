# common.sh - helpers of the reliability suites (crash.sh, concurrency.sh)
# on top of tests/lib.sh: time, databases dropped, INVALID indexes and
# the migration lock as each engine shows it.
# shellcheck shell=bash

now_us() { local t=$EPOCHREALTIME; echo $((${t/./} + 0)); }

# sleep_us N: sleep N microseconds (nothing when N <= 0).
sleep_us() {
    [ "$1" -gt 0 ] || return 0
    sleep "$(printf '%d.%06d' $(($1 / 1000000)) $(($1 % 1000000)))"
}

# drop_db NAME: drop what new_db NAME made (a session a killed client
# left on the server is ended first).
drop_db() {
    local name
    name=$(printf 'st_%s_%s_%s' "$SCENARIO" "$1" "$$" |
        tr -c 'a-zA-Z0-9_\n' '_' | cut -c1-60)
    case "$DIALECT" in
    sqlite) rm -f "$WORK/$1.db" "$WORK/$1.db.lock" "$WORK/$1.db-journal" ;;
    postgres) PGOPTIONS="-c client_min_messages=warning" psql -X -q -d "$STRATA_TEST_PG_URL" \
        -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null ;;
    mysql) my_client -e "DROP DATABASE IF EXISTS $name" ;;
    esac
}

# invalid_indexes: indexes a failed online build left INVALID (0 where
# the engine has none).
invalid_indexes() {
    case "$DIALECT" in
    postgres) db_sql "SELECT count(*) FROM pg_index WHERE NOT indisvalid" ;;
    *) echo 0 ;;
    esac
}

# my_lock_name: the GET_LOCK name the MySQL driver takes for this
# database and the default schema and history table (lock_name in
# drivers/mysql/driver.c: FNV-1a 64 over the database, its NUL and the
# core's key). MY_LOCK_NAME, when MY_LOCK_DB is this database, saves a
# python start per probe (over a second on a loaded machine).
my_lock_name() {
    if [ -n "${MY_LOCK_DB:-}" ] && [ "$MY_LOCK_DB" = "$DBNAME" ]; then
        echo "$MY_LOCK_NAME"
        return
    fi
    python3 - "$DBNAME" "strata::strata_history" <<'PY'
import sys
db, key = sys.argv[1].encode(), sys.argv[2].encode()
h = 14695981039346656037
for b in db + b"\0" + key:
    h = ((h ^ b) * 1099511628211) % (1 << 64)
print("strata:%s:%016x" % (db.decode().lower()[:40], h))
PY
}

# lock_free: status 0 when no one holds this database's migration lock.
lock_free() {
    case "$DIALECT" in
    sqlite) python3 - "$DBFILE.lock" <<'PY'
import fcntl, os, sys
try:
    fd = os.open(sys.argv[1], os.O_RDONLY)
except FileNotFoundError:
    sys.exit(0)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    sys.exit(1)
PY
        ;;
    postgres) [ "$(db_sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 0 ] ;;
    mysql) [ "$(db_sql "SELECT IS_USED_LOCK('$(my_lock_name)') IS NULL")" = 1 ] ;;
    esac
}
