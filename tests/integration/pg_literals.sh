# pg_literals.sh - strata's own literals mean the same text whatever
# standard_conforming_strings is (issue 13): session_sql turns it off,
# and a failed migration's history row, whose detail quotes the error
# (backslashes and quotes in it), still reads back as written.
# dialects: postgres
new_db
cat >"$WORK/strata.ini" <<'INI'
[strata]
migrations = migrations
session_sql = SET standard_conforming_strings = off
INI
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
SELECT * FROM "no\such's";
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err 'relation "no\such'"'"'s" does not exist'
detail=$(db_sql "SELECT detail FROM strata_history WHERE outcome = 'failed'")
[ -n "$detail" ] || fail "no failed row in strata_history"
got=$(printf '%s' "$detail" | python3 -c 'import json, sys; print(json.load(sys.stdin)["error"])') ||
    fail "the detail is not the JSON strata wrote: $detail"
case "$got" in
*'relation "no\such'"'"'s" does not exist'*) ;;
*) fail "the detail's error reads back as: $got" ;;
esac
