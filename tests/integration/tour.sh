# tour.sh - the README's five-minute tour, run for real: every command
# exits 0 and prints what the README shows under it (tests/tour.py
# compares, times and durations aside); then the database is where the
# tour leaves it (upgraded, two customers seeded).
# dialects: sqlite
python3 "$ROOT/tests/tour.py" --strata "$STRATA" --readme "$ROOT/README.md" \
    --work "$WORK/tour" >"$WORK/tour.log" 2>&1 ||
    fail "the README's tour differs from a real run:
$(cat "$WORK/tour.log")"
cat "$WORK/tour.log" >>"$SUITE_LOG"
DBFILE=$WORK/tour/shop/strata.db
# It ends upgraded again, with the two customers it seeded.
expect_eq "$(db_sql "SELECT email FROM customers ORDER BY id" | tr '\n' ' ')" \
    "ada@example.com grace@example.com " "customers the tour seeded"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 0002_customers "the tour's last revision"
