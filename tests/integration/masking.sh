# masking.sh - a password in a URL never appears in anything strata
# prints: from --url, from the ini (through ${VAR}), in errors and in
# normal output; and masking touches nothing else (issue 13: one case
# per leak found, on each dialect).  tests/run.sh greps the suite's whole
# output for the password, and for every 6-character piece of it.
new_db
write_migration 1.sql <<'SQL'
-- revision: rev_rr
-- message: a revision whose name has the letter r
-- +up
CREATE TABLE a (id integer);
-- +down
DROP TABLE a;
SQL
pw=$STRATA_TEST_PASSWORD
nowhere=$WORK/no/such/dir

# what URL USERINFO: the dialect's URL with USERINFO (user:password)
# (SQLite has none: a host that is refused, after masking)
what_url() {
    case "$DIALECT" in
    sqlite) printf 'sqlite://%s@host/x.db' "$1" ;;
    postgres) printf 'postgres://%s@%s' "$1" "${URL#postgres://*@}" ;;
    mysql) printf 'mysql://%s@%s' "$1" "${URL#mysql://*@}" ;;
    esac
}

if [ "$DIALECT" = sqlite ]; then
    st --url "oracle://scott:$pw@127.0.0.1/orcl" upgrade
    expect_rc 2
    expect_err "oracle://scott:***@127.0.0.1/orcl"
    expect_no_out "$pw"
    # Whether the driver is built (a refused connection, exit 1) or not
    # (a missing driver, exit 2), the message quotes the URL masked.
    st --url "postgres://app:$pw@127.0.0.1:1/app?sslmode=disable" current
    [ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC"
    expect_err "postgres://app:***@127.0.0.1:1/app"
    expect_no_out "$pw"
    cat >"$WORK/strata.ini" <<'INI'
[strata]
migrations = migrations
[prod]
url = ${PROD_URL}
INI
    PROD_URL="mysql://root:$pw@127.0.0.1:1/app" st -e prod upgrade
    [ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC"
    expect_err "mysql://root:***@127.0.0.1:1/app (from strata.ini [prod] url)"
    expect_no_out "$pw"
    rm -f "$WORK/strata.ini"
    # Percent-encoded in the URL, masked in its decoded form too.
    st --url "oracle://scott:pw%2Dx@127.0.0.1/orcl" upgrade
    expect_err "oracle://scott:***@"
    expect_no_out "pw%2Dx"
fi

# The SQLite driver refuses a URL with a host; no message quotes the URL
# but the core's, masked.
st --url "$(what_url "u:$pw")" current
[ "$DIALECT" = sqlite ] && expect_rc 2
expect_err "***"
expect_no_out "$pw"

# A '/' in the password: the authority ends at the first '/', so nothing
# was masked.  Ambiguous (libpq reads a host and a port): refused, with
# everything up to the '@' masked.
st --url "$(what_url "u:x/$pw")" current
expect_rc 2
expect_err "://u:***@"
expect_err "%2F"
expect_no_out "$pw"

# An '@' in the password: libpq ends the userinfo at the first '@', the
# rest became a host its message quoted.  Refused, the tail masked too.
st --url "$(what_url "u:$pw@tail9x")" current
expect_rc 2
expect_err "://u:***@"
expect_err "%40"
expect_no_out "tail9x"
expect_no_out "$pw"

# A percent-encoded key libpq decodes: ?%70assword= is a password.
case "$DIALECT" in
sqlite) keyed="sqlite:///$nowhere/x.db?%70assword=$pw" ;;
*) keyed="$URL?%70assword=$pw" ;;
esac
st --url "$keyed" current
[ "$DIALECT" = mysql ] || expect_rc 0 # SQLite: no file, nothing applied
case "$OUT$ERR" in *"?%70assword=***"*) ;; *) fail "no masked key" ;; esac
expect_no_out "$pw"

# --json: masking ran after the JSON escaping, so a password with '"' or
# '\' leaked, from a reported value and from a driver's message (the
# MySQL driver quoted its whole URL; libpq and SQLite quote pieces).
jpw="$pw\"q\\x"
jurl=$(what_url "u:$jpw")
st --json --url "$jurl" --lock-wait "$jurl" current
expect_rc 2
expect_out '"ok":false'
expect_out "invalid duration '"
expect_no_out "$pw"
case "$DIALECT" in
sqlite) jurl="sqlite:///$nowhere/x.db?password=$jpw" ;;
postgres) jurl=$(what_url "postgres:$jpw%zz") ;;
mysql) jurl="$(what_url "strata:$jpw")?ssl-mode=MAYBE" ;;
esac
st --json --url "$jurl" upgrade
expect_out '"ok":false'
expect_out '***'
expect_no_out "$pw"

# A driver's message was cut at 256 bytes before it was masked: the
# password straddling the cut left its first half.  SQLite's quotes the
# file's path, libpq's a malformed token; MySQL's quote no URL part.
# (The password starts 9 bytes before the cut; libpq's message starts
# its token at byte 32, or 66 with the driver's words before it.)
case "$DIALECT" in
sqlite)
    pad=$(printf '%*s' $((246 - 28 - ${#nowhere} - 16)) '' | tr ' ' d)
    st --url "sqlite:///$nowhere/$pad/x.db?password=$pw" upgrade
    expect_rc 1
    expect_err "password=***"
    expect_no_out "${pw%???????}" ;;
postgres)
    for n in 214 180; do
        long=$(printf '%*s' "$n" '' | tr ' ' p)
        st --url "$(what_url "postgres:$long$pw%zz")" upgrade
        expect_rc 2
        expect_no_out "${pw%???????}"
    done ;;
esac

# An ini value was reported before the URL's password was registered:
# a URL under the wrong key, or the password itself.
cat >"$WORK/strata.ini" <<INI
[dev]
url = $(what_url "u:$pw")
lock_wait = $(what_url "u:$pw")
INI
st current
expect_rc 2
expect_err "lock_wait: invalid duration '"
expect_no_out "$pw"
cat >"$WORK/strata.ini" <<'INI'
[dev]
url = ${PROD_URL}
lock_timeout = ${PROD_PW}
INI
PROD_URL=$(what_url "u:$pw") PROD_PW=$pw st current
expect_rc 2
expect_err "lock_timeout: invalid duration '***'"
expect_no_out "$pw"
rm -f "$WORK/strata.ini"

# A one-letter password: masking every 'r' of every line turned
# rev_rr into ***ev_***... and changed the checksums of an offline
# script.  Nothing but the URL's password is masked.
script() { # URL: the upgrade script, its timestamps blanked
    st --url "$1" upgrade --sql --dialect "$DIALECT"
    expect_rc 0
    printf '%s\n' "$OUT" | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/T/g'
}
with_r=$(script "$(what_url u:r)") || fail "upgrade --sql failed"
[ "$with_r" = "$(script "$(what_url u:Q)")" ] ||
    fail "a one-letter password changed the script"
case "$with_r" in *"'rev_rr'"*) ;; *) fail "no rev_rr in: $with_r" ;; esac
case "$DIALECT" in
postgres) short=$(what_url postgres:r) ;; # trust: any password
mysql)
    my_client -e "DROP USER IF EXISTS 'st_mask_r'@'127.0.0.1';
        CREATE USER 'st_mask_r'@'127.0.0.1' IDENTIFIED BY 'r';
        GRANT ALL ON $DBNAME.* TO 'st_mask_r'@'127.0.0.1'" ||
        fail "cannot create the one-letter user"
    short=$(what_url st_mask_r:r) ;;
*) short= ;;
esac
if [ -n "$short" ]; then
    st --url "$short" upgrade
    expect_rc 0
    expect_out "rev_rr"
    st --url "$short" history
    expect_out "rev_rr"
    st --url "$short" --json current
    expect_out '"rev_rr"'
    expect_out ':***@'
    st --url "$short" downgrade base
    expect_rc 0
    [ "$DIALECT" = mysql ] && my_client -e "DROP USER 'st_mask_r'@'127.0.0.1'"
fi
true
