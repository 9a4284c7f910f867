# ci_examples.sh - examples/ci: its GitHub Actions workflow and GitLab CI
# file parse as YAML and run SQLite, PostgreSQL and MariaDB (service
# containers) each with `strata check` and `strata test --junit`
# (tests/ci_examples.py); the commands of this engine's job, run here on
# the example's project, pass, and the JUnit reports they write have the
# common schema's shape (issue 17).
# dialects: sqlite postgres mysql
case "$DIALECT" in mysql) engine=mariadb ;; *) engine=$DIALECT ;; esac
cp -r "$ROOT/examples/ci/strata.ini" "$ROOT/examples/ci/migrations" "$WORK/"
python3 "$ROOT/tests/ci_examples.py" "$ROOT/examples/ci" "$engine" >"$WORK/cmds" ||
    fail "examples/ci: the CI files are not what they should be"
[ "$(wc -l <"$WORK/cmds")" -eq 4 ] || fail "expected 4 strata commands: $(cat "$WORK/cmds")"
new_db
export DATABASE_URL=$URL
while read -r line; do
    read -ra args <<<"$line"
    st "${args[@]}"
    expect_rc 0 "strata $line"
done <"$WORK/cmds"
unset DATABASE_URL
for f in "strata-test-$engine.xml" strata-test.xml; do
    python3 "$ROOT/tests/junit_check.py" "$WORK/$f" --summary >"$WORK/summary" ||
        fail "$f: not a JUnit report of the common shape"
    expect_eq "$(grep -c '^passed	strata.stairway	' "$WORK/summary")" 3 "$f: revisions passed"
done
