# drivers.sh - `strata drivers` lists what it finds, broken drivers with
# their error; a URL needing a broken driver fails with that exact error.
# dialects: sqlite
TD=$(cd "$(dirname "$STRATA")" && pwd)/tests/drivers
st drivers
expect_rc 0
expect_out "sqlite"
expect_out "caps: transactional-ddl savepoint"
expect_out "names: any length" # SQLite's identifier limit: none
[ -d "$TD" ] || fail "test drivers not built ($TD)"
st --driver-path "$TD/abi2" drivers
expect_rc 0
expect_out "$TD/abi2/strata_abi2.so: driver ABI 2.0, strata ABI 1.7"
expect_out "sqlite" # the broken driver is listed, not fatal
st --driver-path "$TD/abi2" --url abi2://x current
expect_rc 2
expect_err "$TD/abi2/strata_abi2.so: driver ABI 2.0, strata ABI 1.7"
st --driver-path "$TD/nullexec" --url nullexec://x current
expect_rc 2
expect_err "required function 'exec' is NULL"
# A newer minor loads; an alias scheme finds its driver.
st --driver-path "$TD/newminor" drivers
expect_out "ABI 1.99"
st --driver-path "$TD/good" drivers
expect_out "goodalias://"
# The alias scheme finds the good driver: its connect is the one that
# answers (it has no database behind it).
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up sqlite
SELECT 1;
SQL
st --driver-path "$TD/good" --url goodalias://x current
expect_rc 1
expect_err "cannot connect to goodalias://x (from --url): good: there is no database to connect to"
# A world-writable driver directory is refused.
mkdir -p "$WORK/ww" && cp "$TD/good/strata_good.so" "$WORK/ww/"
chmod 0777 "$WORK/ww"
st --driver-path "$WORK/ww" --url good://x current
expect_rc 2
expect_err "refusing a driver in world-writable directory"
