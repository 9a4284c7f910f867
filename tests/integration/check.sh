# check.sh - `strata check`, the CI gate, on examples/tracker: two heads
# fail it (exit 3) naming both, a merge makes it pass; comments and
# whitespace edited in an applied file do not count, an edited statement
# does (naming the file) until `stamp --accept-checksum`; a deleted
# applied file fails it; a lint error fails it; --offline needs no
# database; --json lists the violations.
new_db
cp -r "$ROOT/examples/tracker/migrations" "$ROOT/examples/tracker/strata.ini" "$WORK/"
M=$WORK/migrations
case "$DIALECT" in # nothing listens there: --offline must not try
postgres) CLOSED="postgres://nobody@127.0.0.1:1/none" ;;
mysql) CLOSED="mysql://nobody@127.0.0.1:1/none" ;;
sqlite) CLOSED="sqlite:///$WORK/no/such/dir/none.db" ;;
esac

# json EXPR: evaluate a Python expression over the document in $OUT (d).
json() {
    printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" ||
        fail "stdout is not the JSON expected"
}

no_history() {
    case "$DIALECT" in
    sqlite) [ ! -e "$DBFILE" ] || fail "check created $DBFILE" ;;
    *) expect_eq "$(db_has_table strata_history)" 0 "history table after check" ;;
    esac
}

# --- two heads -------------------------------------------------------------
st --url "$URL" check
expect_rc 3 "two heads"
expect_out "multiple-heads"
expect_out "003_assignees_index (migrations/003_assignees_index.sql)"
expect_out "004_labels_seed (migrations/004_labels_seed.sql)"
expect_err "check failed"
no_history # check reads; it never creates the history tables

st --url "$URL" --json check
expect_rc 3
expect_eq "$(json 'd["ok"], d["violations"][0]["kind"], sorted(d["violations"][0]["revisions"])')" \
    "False multiple-heads ['003_assignees_index', '004_labels_seed']" "heads in --json"

st --url "$CLOSED" check --offline
expect_rc 3 "offline, two heads"
expect_out "multiple-heads"

st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" check
expect_rc 3 "applied, still two heads"
expect_out "multiple-heads"
st --url "$URL" check --allow-heads
expect_rc 0 "--allow-heads"
expect_out "6 applied revisions unchanged"

# --- merged ------------------------------------------------------------------
st --url "$URL" merge -m "merge labels and assignees" heads
expect_rc 0 "merge"
MERGE=$WORK/$OUT
[ -f "$MERGE" ] || fail "merge wrote no file ($OUT)"
st --url "$URL" check
expect_rc 0 "merged"
st --url "$URL" upgrade
expect_rc 0
st --url "$URL" check
expect_rc 0 "merge applied"
expect_out "check: ok: 1 head; 7 applied revisions unchanged"
st --url "$CLOSED" check --offline
expect_rc 0 "offline, merged"
expect_out "the database was not read"
st --url "$CLOSED" --json check --offline
expect_rc 0
expect_eq "$(json 'd["ok"], d["offline"], d["violations"], d["dialects"]')" \
    "True True [] ['postgres', 'mysql', 'sqlite']" "offline --json"

# --- comments and whitespace do not count ---------------------------------
python3 - "$M/002_labels.sql" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("-- +up\n", "-- +up\n-- a comment added later: it changes nothing that runs\n")
s = s.replace("    name varchar(50) NOT NULL UNIQUE\n",
              "        name   varchar(50)\n            NOT NULL UNIQUE   /* folded */\n")
s = s.replace("PRIMARY KEY (issue_id, label_id)", "PRIMARY KEY (issue_id,   label_id)")
open(p, "w", newline="\r\n").write(s)  # CRLF line endings too
EOF
st --url "$URL" check
expect_rc 0 "comments, whitespace and CRLF edited"

# --- an edited statement fails it -------------------------------------------
sed -i "s/#cccccc/#dddddd/" "$M/003_labels_color.sql"
st --url "$URL" check
expect_rc 3 "statement edited"
expect_out "migrations/003_labels_color.sql: checksum-mismatch: revision '003_labels_color'"
expect_out "strata stamp --accept-checksum 003_labels_color"
st --url "$URL" --json check
expect_rc 3
expect_eq "$(json '[(v["kind"], v["revision"], v["file"],
                    v["recorded"] != v["current"]) for v in d["violations"]]')" \
    "[('checksum-mismatch', '003_labels_color', 'migrations/003_labels_color.sql', True)]" \
    "checksum violation in --json"
st --url "$URL" check --offline
expect_rc 0 "offline does not read checksums"

# stamp --accept-checksum: only an applied revision, then check passes
write_migration 006_pending.sql <<EOF
-- revision: 006_pending
-- revises: $(basename "$MERGE" .sql)

-- +up
ALTER TABLE labels ADD COLUMN description varchar(200);
EOF
st --url "$URL" stamp --accept-checksum 006_pending
expect_rc 2 "accept a revision that is not applied"
expect_err "is not applied"
rm "$M/006_pending.sql"
st --url "$URL" stamp --accept-checksum 003_labels_color
expect_rc 0 "accept the edit"
expect_out "accepted checksum"
audit="direction = 'checksum' AND outcome = 'accepted'"
audit="$audit AND revision = '003_labels_color'"
audit="$audit AND detail LIKE '%\"previous\":\"v1:%'"
expect_eq "$(db_count strata_history "$audit")" 1 "audit row"
st --url "$URL" check
expect_rc 0 "after --accept-checksum"
st --url "$URL" stamp --accept-checksum 003_labels_color
expect_rc 0 "accept again"
expect_out "unchanged"
expect_eq "$(db_count strata_history "direction = 'checksum'")" 1 "no second audit row"

# --- a deleted applied file fails it --------------------------------------
mv "$MERGE" "$WORK/merge.sql.away"
st --url "$URL" check
expect_rc 3 "applied head deleted"
expect_out "missing-file: revision '$(basename "$MERGE" .sql)' is applied"
st --url "$URL" --json check --allow-heads # its branches are heads again
expect_rc 3
expect_eq "$(json '[(v["kind"], v["revision"]) for v in d["violations"]], d["checksums_checked"]')" \
    "[('missing-file', '$(basename "$MERGE" .sql)')] 6" "missing file in --json"
mv "$WORK/merge.sql.away" "$MERGE"
# A file others revise cannot go without breaking the graph: exit 2.
mv "$M/002_labels.sql" "$WORK/labels.sql.away"
st --url "$URL" check
expect_rc 2 "middle file deleted"
expect_err "002_labels"
mv "$WORK/labels.sql.away" "$M/002_labels.sql"
st --url "$URL" check
expect_rc 0 "restored"

# --- lint errors fail it; a suppression with a reason does not ------------
write_migration 006_drop_assignee.sql <<EOF
-- revision: 006_drop_assignee
-- revises: $(basename "$MERGE" .sql)

-- +up
ALTER TABLE issues DROP COLUMN assignee;
EOF
st --url "$URL" check
expect_rc 3 "lint error"
expect_out "migrations/006_drop_assignee.sql:5: error [drop-column]"
st --url "$CLOSED" --json check --offline
expect_rc 3
expect_eq "$(json '[(v["kind"], v["rule"], v["line"]) for v in d["violations"]]')" \
    "[('lint', 'drop-column', 5)]" "lint violation in --json"
allow='-- strata:allow drop-column assignees moved to a table of their own'
sed -i "s/^ALTER TABLE issues DROP/$allow\nALTER TABLE issues DROP/" \
    "$M/006_drop_assignee.sql"
st --url "$URL" check
expect_rc 0 "suppressed"
