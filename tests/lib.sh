# lib.sh - helpers for integration scenarios, sourced by tests/scenario.sh.
# A scenario runs in a fresh directory $WORK with $DIALECT set; it talks
# to a real database through URL (a fresh database for this scenario).
# shellcheck shell=bash

# Run strata with the scenario's arguments; sets OUT, ERR and RC, and
# appends everything to the suite's log (which is grepped for secrets).
st() {
    local o e
    o=$(mktemp) e=$(mktemp)
    # shellcheck disable=SC2086
    $STRATA_WRAP "$STRATA" "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o") ERR=$(cat "$e")
    rm -f "$o" "$e"
    {
        # The command line is the test's input, not strata's output:
        # hide the test password there so the grep judges strata alone.
        printf '$ strata %s\n' "$*" | sed "s/$STRATA_TEST_PASSWORD/<test-password>/g"
        [ -n "$OUT" ] && printf '%s\n' "$OUT"
        [ -n "$ERR" ] && printf '%s\n' "$ERR"
        printf '[exit %s]\n' "$RC"
    } >>"$SUITE_LOG"
    if [ "$RC" -eq 99 ] && [ -n "$STRATA_WRAP" ]; then
        fail "valgrind reported errors for: strata $*"
    fi
    return 0
}

fail() {
    printf 'FAIL [%s/%s]: %s\n' "$DIALECT" "$SCENARIO" "$*" >&2
    [ -n "${OUT:-}" ] && printf '  stdout:\n%s\n' "$OUT" | sed 's/^/    /' >&2
    [ -n "${ERR:-}" ] && printf '  stderr:\n%s\n' "$ERR" | sed 's/^/    /' >&2
    exit 1
}

expect_rc() {
    [ "$RC" = "$1" ] || fail "expected exit $1, got $RC${2:+ ($2)}"
}
expect_out() { # substring of stdout
    case "$OUT" in *"$1"*) ;; *) fail "stdout lacks: $1" ;; esac
}
expect_err() { # substring of stderr
    case "$ERR" in *"$1"*) ;; *) fail "stderr lacks: $1" ;; esac
}
expect_no_out() {
    case "$OUT$ERR" in *"$1"*) fail "output contains: $1" ;; esac
}
expect_eq() { # actual expected what
    [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
# ops_outcomes: the outcome of every operation of a --json run in $OUT,
# as a Python list: ['applied', 'skipped (exists)'].
ops_outcomes() {
    printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print([o["outcome"] for m in d["migrations"] for o in m["operations"]])'
}

# --- the database under test -------------------------------------------
# PostgreSQL and MariaDB run as throwaway servers (tests/servers.sh); each
# new_db there is a new database named after the scenario.
pg_base() { printf '%s' "${STRATA_TEST_PG_URL%/*}"; }
my_port() { printf '%s' "$STRATA_TEST_MYSQL_URL" | sed 's#.*:\([0-9]*\)/.*#\1#'; }
# The user and password of STRATA_TEST_MYSQL_URL, as client options.
my_auth() {
    printf '%s' "$STRATA_TEST_MYSQL_URL" |
        sed 's#^[a-z]*://\([^:]*\):\([^@]*\)@.*#-u\1 -p\2#'
}
my_client() { # mariadb client on the test server
    # shellcheck disable=SC2046
    mariadb --no-defaults $(my_auth) -h127.0.0.1 -P"$(my_port)" "$@"
}
my_dump() {
    # shellcheck disable=SC2046
    mariadb-dump --no-defaults $(my_auth) -h127.0.0.1 -P"$(my_port)" \
        --skip-comments --skip-dump-date "$@"
}

# new_db [NAME]: a fresh, empty database for this scenario; sets URL
# (and DBFILE on SQLite, DBNAME on the servers).
new_db() {
    local name
    name=$(printf 'st_%s_%s_%s' "$SCENARIO" "${1:-test}" "$$" |
        tr -c 'a-zA-Z0-9_\n' '_' | cut -c1-60)
    case "$DIALECT" in
    sqlite)
        DBFILE="$WORK/${1:-test}.db"
        rm -f "$DBFILE"
        URL="sqlite:///$DBFILE" ;;
    postgres)
        [ -n "${STRATA_TEST_PG_URL:-}" ] || fail "STRATA_TEST_PG_URL is not set"
        DBNAME=$name
        psql -X -q -d "$STRATA_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $name" \
            -c "CREATE DATABASE $name" >/dev/null || fail "cannot create $name"
        URL="$(pg_base)/$name" ;;
    mysql)
        [ -n "${STRATA_TEST_MYSQL_URL:-}" ] || fail "STRATA_TEST_MYSQL_URL is not set"
        DBNAME=$name
        my_client -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name" ||
            fail "cannot create $name"
        URL="${STRATA_TEST_MYSQL_URL%/*}/$name" ;;
    firebird)
        [ -n "${STRATA_TEST_FB_URL:-}" ] || fail "STRATA_TEST_FB_URL is not set"
        DBNAME=$name
        # A database is a file of the server's folder; the driver creates
        # a missing one on connect.
        rm -f "/${STRATA_TEST_FB_URL#*@*/}/$name.fdb"
        URL="$STRATA_TEST_FB_URL/$name.fdb" ;;
    *) fail "no database helper for dialect $DIALECT" ;;
    esac
}

# fb_client ARGS...: isql-fb on the scenario's Firebird database.
fb_client() {
    local auth=${URL#firebird://} hostport path
    auth=${auth%%@*}
    hostport=${URL#*@}
    hostport=${hostport%%/*}
    path=/${URL#*@*/}
    isql-fb -q -user "${auth%%:*}" -password "${auth#*:}" \
        "${hostport%%:*}/${hostport#*:}:$path" "$@"
}

# pg_dump's comments, and the random key of its \restrict lines (15.14+),
# differ between two dumps of one database.
pg_clean() { grep -v -e '^--' -e '^\\restrict ' -e '^\\unrestrict '; }

# db_sql SQL: run SQL with the dialect's own client; prints result rows,
# columns separated by '|', as sqlite3 does.
db_sql() {
    case "$DIALECT" in
    sqlite) sqlite3 -batch -bail "$DBFILE" "$1" ;;
    postgres) psql -X -q -At -v ON_ERROR_STOP=1 -d "$URL" -c "$1" ;;
    mysql) # keep the client's exit status: a pipe would hide it
        local out
        out=$(my_client -D "$DBNAME" -N -B -e "$1") || return
        [ -z "$out" ] || printf '%s\n' "$out" | tr '\t' '|' ;;
    firebird) # one column per row, blanks around it dropped
        local out
        out=$(printf 'SET HEADING OFF;\n%s;\n' "$1" | fb_client -bail) || return
        printf '%s\n' "$out" | sed -e 's/^ *//' -e 's/ *$//' -e '/^$/d' ;;
    esac
}

# db_file FILE: run FILE with the dialect's own client on the current
# database, stopping at the first error (its exit status says so).
db_file() {
    case "$DIALECT" in
    sqlite) sqlite3 -bail "$DBFILE" <"$1" >/dev/null ;;
    postgres) psql -X -q -v ON_ERROR_STOP=1 -d "$URL" -f "$1" >/dev/null ;;
    mysql) my_client -D "$DBNAME" <"$1" >/dev/null ;;
    esac
}

# db_dump: the whole database (schema and rows) as text, for comparing.
db_dump() {
    case "$DIALECT" in
    sqlite) if [ -f "$DBFILE" ]; then sqlite3 "$DBFILE" .dump; fi ;;
    postgres) pg_dump --no-owner --no-privileges -d "$URL" | pg_clean ;;
    mysql) my_dump "$DBNAME" ;;
    esac
}

# db_count TABLE [WHERE]: number of rows.
db_count() {
    db_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# expect_history_dense: strata_history's ids have no gap (a failed
# history write gives its id back).
expect_history_dense() {
    expect_eq "$(db_sql "SELECT max(id) - min(id) + 1 - count(*) FROM strata_history")" 0 \
        "gaps in history ids"
}

# write_migration FILE <<EOF: a migration file under migrations/.
write_migration() {
    mkdir -p "$WORK/migrations/$(dirname "$1")"
    cat >"$WORK/migrations/$1"
}

# write_first_migration: migrations/1.sql, revision r1, creating table a
# (id integer) and dropping it on the way down.
write_first_migration() {
    write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer);
-- +down
DROP TABLE a;
SQL
}

# write_failing_migration: migrations/2_b.sql, revision 2_b revising r1
# (write_first_migration), creating table c on line 5 and failing on
# line 6 (a table that does not exist).
write_failing_migration() {
    write_migration 2_b.sql <<'SQL'
-- revision: 2_b
-- revises: r1
-- message: fails at its second statement
-- +up
CREATE TABLE c (id integer PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
-- +down
DROP TABLE c;
SQL
}

# db_schema: the schema without strata's own tables, for comparing.
db_schema() {
    case "$DIALECT" in
    sqlite) db_sql "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || ifnull(sql, '')
        FROM sqlite_schema WHERE tbl_name NOT LIKE 'strata\_%' ESCAPE '\'
        ORDER BY type, name" ;;
    postgres) pg_dump --schema-only --no-owner --no-privileges \
        -T strata_history -T strata_version -d "$URL" | pg_clean ;;
    mysql) my_dump --no-data --ignore-table="$DBNAME.strata_history" \
        --ignore-table="$DBNAME.strata_version" "$DBNAME" |
        sed 's/ AUTO_INCREMENT=[0-9]*//' ;;
    esac
}

# db_has_table NAME / db_has_index NAME: 1 or 0.
db_has_table() {
    case "$DIALECT" in
    sqlite) db_sql "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '$1'" ;;
    postgres) db_sql "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '$1'" ;;
    mysql) db_sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '$1'" ;;
    firebird) db_sql "SELECT count(*) FROM rdb\$relations WHERE rdb\$relation_name = UPPER('$1')" ;;
    esac
}
db_has_index() {
    case "$DIALECT" in
    sqlite) db_sql "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '$1'" ;;
    postgres) db_sql "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '$1'" ;;
    mysql) db_sql "SELECT count(DISTINCT index_name) FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = '$1'" ;;
    firebird) db_sql "SELECT count(*) FROM rdb\$indices WHERE rdb\$index_name = UPPER('$1')" ;;
    esac
}

# marker_migration ID [REVISES] [DEPENDS] [BRANCH]: migrations/ID.sql,
# whose +up creates the table t_ID and whose +down drops it, so that the
# tables present tell which revisions are applied.
marker_migration() {
    {
        printf -- '-- revision: %s\n' "$1"
        [ -n "${2:-}" ] && printf -- '-- revises: %s\n' "$2"
        [ -n "${3:-}" ] && printf -- '-- depends: %s\n' "$3"
        [ -n "${4:-}" ] && printf -- '-- branch: %s\n' "$4"
        printf -- '-- +up\nCREATE TABLE t_%s (id integer PRIMARY KEY);\n' "$1"
        printf -- '-- +down\nDROP TABLE t_%s;\n' "$1"
    } | write_migration "$1.sql"
}
# marker_tables ID...: those IDs whose t_ID table exists, each followed
# by a space.
marker_tables() {
    local t
    for t in "$@"; do
        if [ "$(db_has_table "t_$t")" = 1 ]; then printf '%s ' "$t"; fi
    done
}
# version_rows: the rows of strata_version, sorted, each followed by a
# space.
version_rows() {
    db_sql "SELECT revision FROM strata_version ORDER BY revision" |
        tr '\n' ' '
}
