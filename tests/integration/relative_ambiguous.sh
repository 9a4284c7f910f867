# relative_ambiguous.sh - `-N` and `REV-N` walk down one line: several
# current heads, or a merge on the way, make the step ambiguous and are
# refused before anything runs, naming the targets that are not; `-N`
# never reverts more than N migrations (issue 15, items 2 and 17).
new_db

# --- two applied heads: r0 <- a (branch pay), r0 <- b -------------------
marker_migration r0
marker_migration a r0 "" pay
marker_migration b r0
st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" downgrade -1
expect_rc 2
expect_err "target '-1' is ambiguous"
expect_err "a (pay), b"
expect_err "a-1, b-1"
expect_eq "$(marker_tables r0 a b)" "r0 a b " "nothing reverted by -1"
st --url "$URL" plan -1
expect_rc 2
expect_err "target '-1' is ambiguous"
# The named line: only a goes, b stays.
st --url "$URL" downgrade a-1
expect_rc 0
expect_eq "$(marker_tables r0 a b)" "r0 b " "after a-1"
expect_eq "$(version_rows)" "b " "rows after a-1"
rm "$WORK/migrations/"*.sql

# --- a merge on the way: roots p and q, merge m, then n -----------------
new_db merge
marker_migration p
marker_migration q
marker_migration m "p, q"
marker_migration n m
st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(marker_tables p q m n)" "p q m " "after -1"
# -2 from n would step down through the merge m: refused, not "all".
st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" downgrade -2
expect_rc 2
expect_err "target '-2' is ambiguous"
expect_err "revision 'm', which merges p, q"
expect_err "name one: p, q"
st --url "$URL" downgrade n-2
expect_rc 2
expect_err "target 'n-2' is ambiguous"
st --url "$URL" downgrade m-1
expect_rc 2
expect_err "target 'm-1' is ambiguous"
expect_eq "$(marker_tables p q m n)" "p q m n " \
    "nothing reverted by the refusals"
# Refused before connecting: the database is never opened.
st --url "sqlite:///$WORK/none/x.db" downgrade m-1
expect_rc 2
expect_err "target 'm-1' is ambiguous"
# The suggested target reverts the two migrations above the merge.
st --url "$URL" downgrade p
expect_rc 0
expect_eq "$(marker_tables p q m n)" "p q " "after downgrade p"
rm "$WORK/migrations/"*.sql

# --- -N reverts N at most: x, a root depending on a, is the one head ----
new_db deps
marker_migration a
marker_migration x "" a
st --url "$URL" upgrade heads
expect_rc 0
expect_eq "$(version_rows)" "x " "rows at x"
# -1 reverts x alone; a, which x only depended on, stays.
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(marker_tables a x)" "a " "after -1 from x"
expect_eq "$(version_rows)" "a " "rows after -1 from x"
# y revises a; w revises y; z revises y and depends on w: from z, -2
# lands on a, and taking y away would take w too (3 > 2).
marker_migration y a
marker_migration w y
marker_migration z y w
st --url "$URL" upgrade z
expect_rc 0
expect_eq "$(version_rows)" "z " "rows at z"
st --url "$URL" downgrade -2
expect_rc 2
expect_err "target '-2' would revert 3 migrations"
expect_eq "$(marker_tables a w y z)" "a w y z " "nothing reverted by -2"
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(marker_tables a w y z)" "a w y " "after -1 from z"
