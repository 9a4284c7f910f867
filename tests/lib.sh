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

# --- the database under test -------------------------------------------
# new_db: a fresh, empty database for this scenario; sets URL.
new_db() {
    case "$DIALECT" in
    sqlite)
        DBFILE="$WORK/${1:-test}.db"
        rm -f "$DBFILE"
        URL="sqlite:///$DBFILE" ;;
    *) fail "no database helper for dialect $DIALECT" ;;
    esac
}

# db_sql SQL: run SQL with the dialect's own client; prints result rows.
db_sql() {
    case "$DIALECT" in
    sqlite) sqlite3 -batch -bail "$DBFILE" "$1" ;;
    esac
}

# db_dump: the whole database (schema and rows) as text, for comparing.
db_dump() {
    case "$DIALECT" in
    sqlite) if [ -f "$DBFILE" ]; then sqlite3 "$DBFILE" .dump; fi ;;
    esac
}

# db_count TABLE [WHERE]: number of rows.
db_count() {
    db_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# write_migration FILE <<EOF: a migration file under migrations/.
write_migration() {
    mkdir -p "$WORK/migrations/$(dirname "$1")"
    cat >"$WORK/migrations/$1"
}

# db_schema: the schema without strata's own tables, for comparing.
db_schema() {
    case "$DIALECT" in
    sqlite) db_sql "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || ifnull(sql, '')
        FROM sqlite_schema WHERE tbl_name NOT LIKE 'strata\_%' ESCAPE '\'
        ORDER BY type, name" ;;
    esac
}
