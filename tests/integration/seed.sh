# seed.sh - `strata seed` on examples/tracker's reference data (YAML and
# CSV): a first run inserts, a second changes nothing, an edited file
# updates; a bad row, a duplicate key, an unreadable date, a reference to
# a missing row and a value outside a CHECK's list are each refused with
# file:line and nothing written; --sql prints and writes nothing; the
# values of several types read back equal (issue 19, part 3).
# dialects: sqlite postgres mysql
new_db
cp -r "$ROOT/examples/tracker/migrations" "$ROOT/examples/tracker/strata.ini" \
    "$ROOT/examples/tracker/seed" "$WORK/"
st --url "$URL" upgrade heads
expect_rc 0

# json EXPR: a Python expression over the document in $OUT (d).
json() {
    printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" ||
        fail "stdout is not the JSON expected"
}
# counts TABLE: inserted/updated/unchanged/skipped of TABLE in $OUT.
counts() {
    json "[' '.join(str(t[k]) for k in ('inserted','updated','unchanged','skipped')) for t in d['tables'] if t['table'] == '$1'][0]"
}
state() { db_sql "SELECT name, color FROM labels ORDER BY name"; db_count projects; }

# --- first run, then all unchanged ---------------------------------------
st --url "$URL" seed seed/labels.yaml seed/projects.csv
expect_rc 0
expect_out "labels"
st --url "$URL" --json seed seed/labels.yaml seed/projects.csv
expect_rc 0
expect_eq "$(counts labels)" "0 0 4 0" "labels on the second run"
expect_eq "$(counts projects)" "0 0 2 0" "projects on the second run"
expect_eq "$(json "d['written']")" "False" "second run writes nothing"
expect_eq "$(db_count labels)" 4 "labels after seeding"
expect_eq "$(db_sql "SELECT color FROM labels WHERE name = 'docs'")" "#0075ca" "docs seeded"
expect_eq "$(db_count projects)" 2 "projects after seeding"
BEFORE=$(state)

# --- an update ------------------------------------------------------------
cat >colors.json <<'JSON'
{"table": "labels", "key": ["name"], "rows": [
  {"name": "bug", "color": "#ff0000"},
  {"name": "docs", "color": "#0075ca"}
]}
JSON
st --url "$URL" seed --sql colors.json
expect_rc 0
expect_out "UPDATE"
expect_out "'#ff0000'"
expect_eq "$(state)" "$BEFORE" "rows after --sql"
st --url "$URL" --json seed colors.json
expect_rc 0
expect_eq "$(counts labels)" "0 1 1 0" "the update's counts"
expect_eq "$(db_sql "SELECT color FROM labels WHERE name = 'bug'")" "#ff0000" "bug updated"
st --url "$URL" --json seed colors.json
expect_eq "$(counts labels)" "0 0 2 0" "the update run again"
BEFORE=$(state)

# --- refusals: file:line, exit 2, nothing written -------------------------
refused() { # FILE... : refused, and the rows are as they were
    st --url "$URL" seed "$@"
    expect_rc 2
    expect_err "nothing written"
    expect_eq "$(state)" "$BEFORE" "rows after a refused seed"
}
cat >bad.yaml <<'YAML'
table: labels
rows:
  - name: wontfix
    color: "#ffffff"
  - name: urgent
    colour: "#ff0000"
YAML
refused bad.yaml
expect_err "bad.yaml:5: no column 'colour' in table labels"

mkdir more
printf -- '- {name: bug, NAME: bug, color: "#000000"}\n' >more/labels.yaml
refused more/labels.yaml
expect_err "more/labels.yaml:1: name: named twice in one row"

printf 'name,color\nenhancement,#a2eeef\nbug,#000000\nbug,#111111\n' >labels.csv
refused labels.csv
expect_err "labels.csv:4: duplicate key (name=bug) of table labels, first at labels.csv:3"

printf '# table: projects\nname,created_at\napi,2024-01-15\nmobile,2024-13-01 10:00\n' >when.csv
refused when.csv
expect_err "when.csv:4: created_at: cannot read '2024-13-01 10:00' as a timestamp"

printf 'name,color\ntoolong,#1234567890\n' >labels.csv
refused labels.csv
expect_err "labels.csv:2: color: '#1234567890' is 11 characters"

printf 'name,color\nnocolor,\n' >labels.csv
refused labels.csv
expect_err "labels.csv:2: color: null in a NOT NULL column"

PID=$(db_sql "SELECT id FROM projects WHERE name = 'strata'")
cat >issues.yaml <<YAML
# issues point at projects: one that is seeded in the same run, one in
# the database, one nowhere
- {id: 1, project_id: $PID, title: first}
- {id: 2, project_id: 9999, title: orphan}
YAML
refused issues.yaml
expect_err "issues.yaml:4: no row of projects with id=9999, in the files or the database"
expect_eq "$(db_count issues)" 0 "issues after the refusal"

# --- types and CHECK lists --------------------------------------------------
db_sql "CREATE TABLE priorities (name varchar(20) PRIMARY KEY,
    level varchar(10) NOT NULL CHECK (level IN ('low', 'high')),
    active boolean NOT NULL, weight numeric(6,2), since date,
    seen timestamp, code char(4))" || fail "cannot create priorities"
cat >priorities.yaml <<'YAML'
- {name: p1, level: low, active: yes, weight: 1.50, since: 2024-02-29, seen: "2024-03-01 08:00:00", code: ab}
- {name: p2, level: high, active: false, weight: "10", since: 2023-12-31, seen: "2024-03-01T09:00:00+01:00"}
- {name: 'o''brien \ x', level: high, active: on}
YAML
st --url "$URL" --json seed priorities.yaml
expect_rc 0
expect_eq "$(counts priorities)" "3 0 0 0" "priorities inserted"
expect_eq "$(db_sql "SELECT count(*) FROM priorities WHERE name LIKE 'o''brien %'")" 1 \
    "a quote kept (the backslash: the run below finds the row unchanged)"
st --url "$URL" --json seed priorities.yaml
expect_rc 0
expect_eq "$(counts priorities)" "0 0 3 0" "booleans, numbers, dates and timestamps read back equal"
printf -- '- {name: p3, level: medium, active: true}\n- {name: p4, level: low, active: maybe}\n' >priorities.yaml
st --url "$URL" seed priorities.yaml
expect_rc 2
expect_err "priorities.yaml:1: level: 'medium' is not one of 'low', 'high'"
expect_err "priorities.yaml:2: active: cannot read 'maybe' as a boolean"
expect_eq "$(db_count priorities)" 3 "priorities after the refusal"
