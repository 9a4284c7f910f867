# masking.sh - a password in a URL never appears in anything strata
# prints: from --url, from the ini (through ${VAR}), in errors and in
# normal output.  tests/run.sh greps the suite's whole output as well.
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer);
SQL
pw=$STRATA_TEST_PASSWORD
st --url "oracle://scott:$pw@127.0.0.1/orcl" upgrade
expect_rc 2
expect_err "oracle://scott:***@127.0.0.1/orcl"
expect_no_out "$pw"
# Whether the driver is built (a refused connection, exit 1) or not (a
# missing driver, exit 2), the message quotes the URL masked.
st --url "postgres://app:$pw@127.0.0.1:1/app?sslmode=disable" current
[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC"
expect_err "postgres://app:***@127.0.0.1:1/app"
expect_no_out "$pw"
# The SQLite driver refuses a URL with a host; its message quotes the URL.
st --url "sqlite://u:$pw@host/x.db" current
expect_rc 2
expect_err "***"
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
# Percent-encoded in the URL, masked in its decoded form too.
st --url "oracle://scott:pw%2Dx@127.0.0.1/orcl" upgrade
expect_err "oracle://scott:***@"
expect_no_out "pw%2Dx"
# ... and its decoded form, should a message quote it decoded.
st --url "sqlite://u:pw%2Dx@host/x.db" current
expect_rc 2
expect_no_out "pw-x"
expect_no_out "pw%2Dx"
