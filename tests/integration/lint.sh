# lint.sh - every lint rule against a fixture that triggers it (rule id,
# file:line and exit code asserted) and one that does not (exit 0, no
# finding), and each finding silenced by a suppression comment.
# Fixtures: tests/data/lint/<rule>[.<variant>]/{trigger,clean}/, each
# with a strata.ini whose "dialects" are the ones the rule concerns (a
# fixture runs in those columns of the matrix, linted with --dialect)
# and trigger/expect: "exit N", then FILE:LINE per finding.  lint never
# connects: the URL points where nothing listens.
FIX=$ROOT/tests/data/lint
case "$DIALECT" in
postgres) CLOSED="postgres://nobody@127.0.0.1:1/none" ;;
mysql) CLOSED="mysql://nobody@127.0.0.1:1/none" ;;
sqlite) CLOSED="sqlite:///$WORK/no/such/dir/none.db" ;;
esac

# lint_in DIR: lint the copy of a fixture in DIR for this dialect.
lint_in() {
    cd "$1" || fail "cd $1"
    st --url "$CLOSED" lint --dialect "$DIALECT"
    cd "$WORK" || fail "cd $WORK"
}

ran=0
for dir in "$FIX"/*/; do
    name=$(basename "$dir")
    rule=${name%%.*}
    dialects=$(sed -n 's/^dialects *= *//p' "$dir/trigger/strata.ini" | tr ',' ' ')
    printf ' %s ' $dialects | grep -q " $DIALECT " || continue
    ran=$((ran + 1))
    SCENARIO="lint/$name"
    want_rc=$(sed -n 's/^exit //p' "$dir/trigger/expect")
    sev=error
    [ "$want_rc" = 0 ] && sev=warning
    sites=$(grep -v '^exit ' "$dir/trigger/expect")

    # The trigger: exactly the expected findings of this rule.
    rm -rf "$WORK/$name"
    cp -r "$dir/trigger" "$WORK/$name"
    lint_in "$WORK/$name"
    expect_rc "$want_rc" "trigger"
    for site in $sites; do
        expect_out "migrations/$site: $sev [$rule] "
    done
    got=$(printf '%s\n' "$OUT" | grep -c "\[$rule\]")
    expect_eq "$got" "$(printf '%s\n' "$sites" | grep -c .)" "findings of $rule"

    # Silenced: a suppression comment right above each statement (the
    # rules about suppressions themselves are not silenced so).
    case "$rule" in
    suppression-*) ;;
    *)
        for site in $(printf '%s\n' "$sites" | sort -t: -k2,2nr); do
            file=${site%%:*} line=${site##*:}
            sed -i "${line}i -- strata:allow $rule the fixture means it" \
                "$WORK/$name/migrations/$file"
        done
        lint_in "$WORK/$name"
        expect_rc 0 "suppressed"
        expect_no_out "[$rule]"
        expect_out "lint: 0 errors, 0 warnings"
        ;;
    esac

    # The clean fixture: nothing at all.
    rm -rf "$WORK/$name.clean"
    cp -r "$dir/clean" "$WORK/$name.clean"
    lint_in "$WORK/$name.clean"
    expect_rc 0 "clean"
    expect_out "lint: 0 errors, 0 warnings"
done
[ "$ran" -gt 0 ] || fail "no lint fixture for $DIALECT"

# The other places a suppression may sit: on the statement's last line
# after the terminator, and inside the statement.
SCENARIO="lint/suppression-places"
rm -rf "$WORK/places"
cp -r "$FIX/drop-column/trigger" "$WORK/places"
sed -i 's/^ALTER TABLE t DROP COLUMN b;$/ALTER TABLE t DROP COLUMN b;  -- strata:allow drop-column moved to v/' \
    "$WORK/places/migrations/002_under_test.sql"
lint_in "$WORK/places"
expect_rc 0 "suppressed after the terminator"
expect_no_out "[drop-column]"
sed -i 's/^ALTER TABLE t DROP COLUMN b;.*$/ALTER TABLE t -- strata:allow drop-column moved to v\n    DROP COLUMN b;/' \
    "$WORK/places/migrations/002_under_test.sql"
lint_in "$WORK/places"
expect_rc 0 "suppressed inside the statement"
expect_no_out "[drop-column]"
# A blank line between the comment and the statement detaches it.
sed -i 's/^ALTER TABLE t -- strata:allow.*$/-- strata:allow drop-column moved to v\n\nALTER TABLE t/' \
    "$WORK/places/migrations/002_under_test.sql"
lint_in "$WORK/places"
expect_rc 3 "detached suppression"
expect_out "[drop-column]"

# --json: one document with each finding's rule, severity, file, line.
SCENARIO="lint/json"
rm -rf "$WORK/json"
cp -r "$FIX/drop-column/trigger" "$WORK/json"
cd "$WORK/json" || fail "cd"
st --url "$CLOSED" --json lint --dialect "$DIALECT"
cd "$WORK" || fail "cd"
expect_rc 3
got=$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = d["findings"][0]
print(d["ok"], d["errors"], f["rule"], f["severity"], f["file"], f["line"], f["revision"])')
expect_eq "$got" "False 1 drop-column error migrations/002_under_test.sql 6 002_under_test" "--json"
