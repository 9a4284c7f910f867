# lint_rules.sh - the lint rules are written once: `strata lint
# --list-rules` prints the core's table and each installed driver's
# lint_rules, and README.md's table says the same, row for row.
# dialects: sqlite
st lint --list-rules --json
expect_rc 0 "lint --list-rules --json"
want=$(printf '%s' "$OUT" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["rules"]:
    cells = [r["id"], r["severity"], r["dialects"], r["summary"]]
    cells = [c.replace("|", "\\|") for c in cells]
    print("| `%s` | %s | %s | %s |" % tuple(cells))
') || fail "lint --list-rules --json is not the expected document"
# The rows after the README's lint-rules marker, up to the blank line.
got=$(sed -n '/^<!-- lint-rules:/,/^$/p' "$ROOT/README.md" | grep '^| `')
[ -n "$got" ] || fail "README.md has no lint-rules table"
if [ "$got" != "$want" ]; then
    diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") >&2
    fail "README.md's lint table differs from 'strata lint --list-rules' (- the list, + README)"
fi

# The plain form: one line per rule; a dialect's rules come with its
# driver, after the core's.
st lint --list-rules
expect_rc 0 "lint --list-rules"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "$(printf '%s\n' "$want" | wc -l)" "rules listed"
expect_out "warning  suppression-unknown-rule"
expect_out "error    pg-fk-without-not-valid           postgres"
# Without the PostgreSQL driver in the search path, its rules are gone.
mkdir -p "$WORK/bin/drivers"
cp "$STRATA" "$WORK/bin/strata"
cp "$(dirname "$STRATA")/drivers/strata_sqlite.so" "$WORK/bin/drivers/"
OUT=$("$WORK/bin/strata" lint --list-rules) || fail "isolated lint --list-rules"
expect_out "drop-table"
expect_no_out "pg-"
# --list-rules is lint's alone.
st check --list-rules
expect_rc 2 "check --list-rules"
expect_err "option --list-rules does not apply"
