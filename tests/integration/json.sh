# json.sh - --json gives one valid JSON document on stdout for current,
# heads, history, upgrade, downgrade and stamp, errors included.
cp -r "$ROOT/examples/signals/migrations" "$WORK/"
new_db
json_get() { # PYTHON-EXPRESSION over the document d, printed
    printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" ||
        fail "not a JSON document"
}
st --url "$URL" --json current
expect_rc 0
expect_eq "$(json_get 'len(d["current"])')" 0 "current before upgrade"
st --url "$URL" --json upgrade 002
expect_rc 0
expect_eq "$(json_get 'd["ok"], d["to"], len(d["migrations"])')" \
    "True ['002_signals_state'] 2" "upgrade document"
expect_eq "$(json_get 'd["migrations"][0]["operations"][0]["line"]')" 5 \
    "operation line"
st --url "$URL" --json upgrade
expect_eq "$(json_get 'd["from"], d["to"]')" \
    "['002_signals_state'] ['004_signals_state_index']" "from/to"
st --url "$URL" --json current
expect_eq "$(json_get 'd["current"][0]["revision"], d["current"][0]["head"]')" \
    "004_signals_state_index True" "current document"
st --url "$URL" --json heads
expect_eq "$(json_get '[h["revision"] for h in d["heads"]]')" \
    "['004_signals_state_index']" "heads document"
st --url "$URL" --json downgrade -2
expect_rc 0
expect_eq "$(json_get 'd["to"], [m["direction"] for m in d["migrations"]]')" \
    "['002_signals_state'] ['down', 'down']" "downgrade document"
st --url "$URL" --json history
# (Engines that run DDL outside transactions add "progress" rows.)
expect_eq "$(json_get 'len([h for h in d["history"] if h["outcome"] != "progress"]), d["history"][-1]["direction"]')" \
    "6 down" "history document"
st --url "$URL" --json stamp base
expect_rc 0
expect_eq "$(json_get 'd["to"]')" "[]" "stamp document"
# A failure still yields one document, with the exit code in it.
st --url "$URL" --json upgrade nosuch
expect_rc 2
expect_eq "$(json_get 'd["ok"], d["exit_code"]')" "False 2" "error document"
expect_err "unknown target 'nosuch'"
