# cross_dialect.sh - the same portable chains give equivalent schemas on
# SQLite, PostgreSQL and MariaDB: strata's neutral catalog of every table
# (strata inspect --json) is compared across the three: column names,
# order, nullability, primary keys, type families (SQLite's declared
# names read as names: VARCHAR is text, BOOLEAN bool, DATETIME time),
# constraints and indexes built by portable statements (implied CHECKs
# ignored).
# dialects: sqlite
[ -n "${STRATA_TEST_PG_URL:-}" ] || fail "STRATA_TEST_PG_URL is not set"
[ -n "${STRATA_TEST_MYSQL_URL:-}" ] || fail "STRATA_TEST_MYSQL_URL is not set"
compare() { # EXAMPLE TARGET TABLES...
    local ex=$1 target=$2
    shift 2
    rm -rf "$WORK/$ex" && mkdir -p "$WORK/$ex"
    for d in sqlite postgres mysql; do
        DIALECT=$d new_db "$ex"
        st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" \
            --allow-locking upgrade "$target"
        expect_rc 0 "$ex on $d"
        st --url "$URL" --json inspect "$@"
        expect_rc 0
        printf '%s' "$OUT" >"$WORK/$ex/$d.json"
    done
    SCENARIO="cross_dialect/$ex"
    python3 "$ROOT/tests/integration/catalog_compare.py" \
        "$WORK/$ex/sqlite.json" "$WORK/$ex/postgres.json" \
        "$WORK/$ex/mysql.json" >"$WORK/$ex/diff" 2>&1 ||
        fail "catalogs differ: $(cat "$WORK/$ex/diff")"
}
compare signals head signals
compare projects head projects project_payloads project_events
compare scheduler 001_proposals rebalancing_proposals proposal_moves
