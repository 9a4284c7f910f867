# tour.sh - the README's five-minute tour, run for real: every command
# exits 0 and prints what the README shows under it (tests/tour.py
# compares, times and durations aside); then the database is where the
# tour leaves it.
# dialects: sqlite
python3 "$ROOT/tests/tour.py" --strata "$STRATA" --readme "$ROOT/README.md" \
    --work "$WORK/tour" >"$WORK/tour.log" 2>&1 ||
    fail "the README's tour differs from a real run:
$(cat "$WORK/tour.log")"
cat "$WORK/tour.log" >>"$SUITE_LOG"
DBFILE=$WORK/tour/shop/strata.db
expect_eq "$(db_count sqlite_schema "name='customers'")" 0 "customers after the tour's downgrade"
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 0001_initial "the tour's last revision"
