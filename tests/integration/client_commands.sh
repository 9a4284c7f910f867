# client_commands.sh - a migration cannot smuggle a client command into
# an offline script (issue 13): sqlite3's dot-commands, the mysql
# client's backslash and named commands, psql's meta-commands.  Each is
# refused with file:line by lint, check, upgrade and upgrade --sql, and
# what --sql prints, piped into the dialect's own client, runs nothing.
new_db
pwned=$WORK/pwned
case "$DIALECT" in
sqlite) cmds=".shell touch $pwned" ;;
mysql) cmds="system touch $pwned
SELECT 1; \\! touch $pwned
/*!50000 \\! touch $pwned */" ;;
postgres) cmds="\\! touch $pwned" ;;
esac

# client SCRIPT: the dialect's own client, as a deploy would run it.
client() {
    case "$DIALECT" in
    sqlite) sqlite3 -bail "$DBFILE" <"$1" ;;
    postgres) psql -X -q -v ON_ERROR_STOP=1 -d "$URL" -f "$1" ;;
    mysql) my_client -D "$DBNAME" <"$1" ;;
    esac >/dev/null 2>&1
}

before=$(db_dump)
while IFS= read -r cmd; do
    rm -rf "$WORK/migrations"
    write_migration 1.sql <<SQL
-- revision: r1
-- +up
CREATE TABLE a (id integer);
$cmd
-- +down
DROP TABLE a;
SQL
    for verb in lint check; do
        st --url "$URL" "$verb" --dialect "$DIALECT"
        expect_rc 2 "$verb: $cmd"
        expect_err "migrations/1.sql:4: "
        expect_err " is not SQL"
    done
    st --url "$URL" upgrade --sql --dialect "$DIALECT"
    expect_rc 2 "upgrade --sql: $cmd"
    expect_err "migrations/1.sql:4: "
    expect_no_out "touch"
    printf '%s\n' "$OUT" >"$WORK/up.sql"
    client "$WORK/up.sql"
    [ -e "$pwned" ] && fail "the $DIALECT client ran: $cmd"
    st --url "$URL" upgrade
    expect_rc 2 "upgrade: $cmd"
    expect_err "migrations/1.sql:4: "
    [ -e "$pwned" ] && fail "upgrade ran: $cmd"
    expect_eq "$(db_dump)" "$before" "database after a refused upgrade"
done <<<"$cmds"
