# wait.sh - --wait DUR: a database that cannot be reached yet is tried
# again until it can (a server or container still starting), for at
# most DUR.  Servers: the URL names a port where a forwarder to the test
# server starts listening 2 s after strata; SQLite: the database's
# folder appears 2 s later (a volume not mounted yet).  A missing
# SQLite file is no reason to wait: reading verbs see an empty database.
new_db
write_first_migration

ms() { date +%s%3N; }
free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
# late: start what makes $LATE_URL reachable, 2 s from now.
case "$DIALECT" in
sqlite)
    LATE_URL="sqlite:///$WORK/later/w.db"
    late() { (sleep 2 && mkdir "$WORK/later") & LATE_PID=$!; } ;;
*)
    PORT=$(free_port)
    TARGET=$(printf '%s' "$URL" | sed 's#.*:\([0-9]*\)/.*#\1#')
    LATE_URL=$(printf '%s' "$URL" | sed "s#:$TARGET/#:$PORT/#")
    late() {
        python3 "$ROOT/tests/tcp_proxy.py" "$PORT" 127.0.0.1 "$TARGET" 2 &
        LATE_PID=$!
    } ;;
esac
stop_late() { kill "$LATE_PID" 2>/dev/null; wait "$LATE_PID" 2>/dev/null; }

# Without --wait: one attempt, at once.
t0=$(ms)
st --url "$LATE_URL" upgrade
expect_rc 1
expect_err "cannot connect"
[ $(($(ms) - t0)) -lt 1500 ] || fail "no --wait, yet strata waited"

# --wait shorter than the start-up: tried for that long, then the error.
t0=$(ms)
st --url "$LATE_URL" --wait 700ms upgrade
expect_rc 1
expect_err "tried for"
expect_err "(--wait)"
elapsed=$(($(ms) - t0))
[ "$elapsed" -ge 700 ] && [ "$elapsed" -lt 1900 ] ||
    fail "--wait 700ms gave up after $elapsed ms"

# --wait long enough: strata connects once the database is there.
late
t0=$(ms)
st --url "$LATE_URL" --wait 30s upgrade
elapsed=$(($(ms) - t0))
stop_late
expect_rc 0 "upgrade with --wait"
expect_out "r1"
[ "$elapsed" -ge 1500 ] || fail "connected after $elapsed ms, before the database was there"
[ "$elapsed" -lt 15000 ] || fail "took $elapsed ms to notice the database"

# The ini key does the same; and a reading verb waits too.
case "$DIALECT" in
sqlite)
    rm -rf "$WORK/later"
    printf '[strata]\nmigrations = migrations\nwait = 30s\n' >"$WORK/strata.ini"
    late
    st --url "$LATE_URL" status
    stop_late
    expect_rc 0 "status with wait = 30s in the ini"
    expect_out "pending  r1"
    rm -f "$WORK/strata.ini"
    # A missing file in a folder that exists: no waiting, nothing pending
    # appears, and nothing is created.
    t0=$(ms)
    st --url "sqlite:///$WORK/none.db" --wait 30s status
    expect_rc 0
    [ $(($(ms) - t0)) -lt 5000 ] || fail "waited for a missing SQLite file"
    [ ! -e "$WORK/none.db" ] || fail "status created the database" ;;
*)
    late
    st --url "$LATE_URL" --wait 30s current
    stop_late
    expect_rc 0 "current with --wait"
    expect_out "r1" ;;
esac

st --url "$URL" --wait nonsense current
expect_rc 2
expect_err "--wait"
