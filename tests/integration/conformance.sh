# conformance.sh - the driver kit's conformance suite (plugins/conformance)
# passes for the dialect's own driver against its real server, and, on
# SQLite, fails by name a copy of the SQLite driver whose savepoint
# capability lies (tests/drivers/liar.c); a usage error is exit 2.
# dialects: sqlite postgres mysql firebird
B=$(cd "$(dirname "$STRATA")" && pwd)
CONF=$B/strata-conformance
[ -x "$CONF" ] || fail "strata-conformance not built ($CONF)"
# It dlopens drivers: like the core, it links no database client.
if ldd "$CONF" | grep -E 'libpq|libmariadb|libmysqlclient|libsqlite3|libfbclient'; then
    fail "strata-conformance links a database client library"
fi
# Run the suite; sets OUT, ERR and RC, and logs as st does.
conf() {
    local o e
    o=$(mktemp) e=$(mktemp)
    "$CONF" "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o") ERR=$(cat "$e")
    rm -f "$o" "$e"
    {
        printf '$ strata-conformance %s\n' "$*" |
            sed "s/$STRATA_TEST_PASSWORD/<test-password>/g"
        [ -n "$OUT" ] && printf '%s\n' "$OUT"
        [ -n "$ERR" ] && printf '%s\n' "$ERR"
        printf '[exit %s]\n' "$RC"
    } >>"$SUITE_LOG"
}

new_db
conf --driver "$B/drivers/strata_$DIALECT.so" --url "$URL"
expect_rc 0
expect_out "== errors        pass"
expect_out " 0 failed"
expect_no_out "FAIL"

[ "$DIALECT" = sqlite ] || return 0 2>/dev/null || exit 0

# One capability lying: SAVEPOINT claimed, its statements dropped.
[ -f "$B/tests/drivers/liar/strata_liar.so" ] || fail "test drivers not built"
STRATA_LIAR_DRIVER=$B/drivers/strata_sqlite.so \
    conf --driver "$B/tests/drivers/liar/strata_liar.so" \
    --url "sqlite:///$WORK/liar.db"
expect_rc 1
expect_out "FAILED: transactions: STRATA_CAP_SAVEPOINT: ROLLBACK TO undoes"
expect_out "== split         pass" # the other areas still run
# Only that area: the rest of the driver is honest.
STRATA_LIAR_DRIVER=$B/drivers/strata_sqlite.so \
    conf --driver "$B/tests/drivers/liar/strata_liar.so" \
    --url "sqlite:///$WORK/liar.db" --only history
expect_rc 0

conf --driver "$B/drivers/strata_sqlite.so" --url "$URL" --only nosuch
expect_rc 2
expect_err "no area 'nosuch'"
conf --driver "$WORK/strata_missing.so" --url "$URL"
expect_rc 2
expect_err "strata-conformance: load:"
