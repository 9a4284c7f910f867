# graph.sh - strata graph prints the revision DAG in DOT: a node per
# revision, parent -> child edges, dashed depends edges, heads and
# applied revisions marked; and Graphviz renders it.
# dialects: sqlite
new_db
# A diamond (a; b and c on it; d merges them; e after d) and a second
# root x_base -> y that e depends on: heads e and y.
write_migration a.sql <<'SQL'
-- revision: a
-- message: say "hi" \ there
-- +up
CREATE TABLE ta (id integer PRIMARY KEY);
-- +down
DROP TABLE ta;
SQL
write_migration b.sql <<'SQL'
-- revision: b
-- revises: a
-- branch: left
-- message: left side
-- +up
CREATE TABLE tb (id integer PRIMARY KEY);
-- +down
DROP TABLE tb;
SQL
write_migration c.sql <<'SQL'
-- revision: c
-- revises: a
-- message: right side
-- +up
CREATE TABLE tc (id integer PRIMARY KEY);
-- +down
DROP TABLE tc;
SQL
write_migration d.sql <<'SQL'
-- revision: d
-- revises: b, c
-- message: merge
SQL
write_migration x_base.sql <<'SQL'
-- revision: x_base
-- message: aux root
-- +up
CREATE TABLE tx (id integer PRIMARY KEY);
-- +down
DROP TABLE tx;
SQL
write_migration y.sql <<'SQL'
-- revision: y
-- revises: x_base
-- message: aux
-- +up
CREATE TABLE ty (id integer PRIMARY KEY);
-- +down
DROP TABLE ty;
SQL
write_migration e.sql <<'SQL'
-- revision: e
-- revises: d
-- depends: y
-- message: after both
-- +up
CREATE TABLE te (id integer PRIMARY KEY);
-- +down
DROP TABLE te;
SQL

node_line() { # the node statement of revision $1 in $OUT
    printf '%s\n' "$OUT" | grep "^  \"$1\" \[label="
}
expect_line() { # LINE SUBSTRING WHAT
    case "$1" in *"$2"*) ;; *) fail "$3: '$1' lacks '$2'" ;; esac
}
expect_no_line() {
    case "$1" in *"$2"*) fail "$3: '$1' has '$2'" ;; esac
}

# --- before anything is applied (the database file does not exist) ---
st --url "$URL" graph
expect_rc 0
[ -f "$DBFILE" ] && fail "graph created the database"
expect_out "digraph strata {"
expect_out "// strata graph: 7 revisions, 2 heads, 0 applied to sqlite:///"
for r in a b c d e x_base y; do
    [ "$(printf '%s\n' "$OUT" | grep -c "^  \"$r\" \[label=")" = 1 ] ||
        fail "node $r: expected one node statement"
done
expect_eq "$(printf '%s\n' "$OUT" | grep -c -- '->')" 7 "edge count"
for e in '"a" -> "b";' '"a" -> "c";' '"b" -> "d";' '"c" -> "d";' \
    '"d" -> "e";' '"x_base" -> "y";' \
    '"y" -> "e" [style=dashed, label="depends"];'; do
    expect_out "  $e"
done
# Labels: id, branch label, message escaped for DOT; heads say so.
expect_line "$(node_line a)" 'label="a\nsay \"hi\" \\ there"' "node a"
expect_line "$(node_line b)" 'label="b [left]\nleft side"' "node b"
expect_line "$(node_line e)" 'label="e\nafter both\n(head)"' "node e"
for r in e y; do
    expect_line "$(node_line $r)" "peripheries=2" "head $r"
done
for r in a b c d x_base; do
    expect_no_line "$(node_line $r)" "peripheries" "non-head $r"
    expect_no_line "$(node_line $r)" "(head)" "non-head $r"
done
expect_no_out "rounded,filled"

# --- applied revisions are filled --------------------------------------
st --url "$URL" upgrade d
expect_rc 0
st --url "$URL" graph
expect_rc 0
expect_out "2 heads, 4 applied to"
for r in a b c d; do
    expect_line "$(node_line $r)" 'style="rounded,filled"' "applied $r"
done
for r in e x_base y; do
    expect_no_line "$(node_line $r)" "filled" "unapplied $r"
done
printf '%s\n' "$OUT" >"$WORK/chain.dot"
# --json: the same graph as one document (issue 15).
st --url "$URL" --json graph
expect_rc 0
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(sorted(r["revision"] for r in d["revisions"] if r["applied"]),
      sorted(r["revision"] for r in d["revisions"] if r["head"]),
      sorted((e["from"], e["to"]) for e in d["edges"] if e["kind"] == "depends"),
      len(d["edges"]))')" "['a', 'b', 'c', 'd'] ['e', 'y'] [('y', 'e')] 7" \
    "graph document"

# Graphviz renders it.  deps.sh installs graphviz: a machine without
# dot has skipped a step, which must not pass silently.
"$ROOT/scripts/deps.sh" --list | tr ' ' '\n' | grep -qx graphviz ||
    fail "scripts/deps.sh does not install graphviz"
command -v dot >/dev/null 2>&1 ||
    fail "dot (graphviz) is not installed: run scripts/deps.sh"
dot -Tpng -o "$WORK/chain.png" "$WORK/chain.dot" 2>"$WORK/dot.err" ||
    fail "dot -Tpng failed: $(cat "$WORK/dot.err")"
[ -s "$WORK/chain.png" ] || fail "dot wrote an empty PNG"
[ "$(head -c 4 "$WORK/chain.png" | od -An -c | tr -d ' ')" = '211PNG' ] ||
    fail "dot's output is not a PNG"
[ -s "$WORK/dot.err" ] && fail "dot warned: $(cat "$WORK/dot.err")"
# dot reads it back as the same graph: 7 nodes, 7 edges.
expect_eq "$(dot -Tcanon "$WORK/chain.dot" | grep -c -- '->')" 7 \
    "edges as dot reads them"

# --- the database at a revision the directory lacks: still drawn ------
db_sql "INSERT INTO strata_version (revision) VALUES ('gone')"
st --url "$URL" graph
expect_rc 0
expect_err "database is at revision 'gone'"
expect_err "applied revisions are not marked"
expect_no_out "rounded,filled"
expect_out "digraph strata {"

# --- refusals ----------------------------------------------------------
echo "not a database" >"$WORK/bad.db"
st --url "sqlite:///$WORK/bad.db" graph
expect_rc 1
expect_err "file is not a database"
expect_no_out "digraph"
st --url "$URL" graph extra
expect_rc 2
expect_err "usage: strata graph"
# A broken chain draws nothing (exit 2, naming the file).
write_migration f.sql <<'SQL'
-- revision: f
-- revises: nosuch
-- +up
SQL
st --url "$URL" graph
expect_rc 2
expect_err "migrations/f.sql:2: revision 'f' revises 'nosuch'"
expect_no_out "digraph"
