# relative_ambiguous.sh - `-N` and `REV-N` walk down one line: several
# current heads, or a merge on the way, make the step ambiguous and are
# refused before anything runs, naming the targets that are not; `-N`
# never reverts more than N migrations (issue 15, items 2 and 17).
new_db
mig() { # ID REVISES DEPENDS [BRANCH]
    {
        printf -- '-- revision: %s\n' "$1"
        [ -n "$2" ] && printf -- '-- revises: %s\n' "$2"
        [ -n "$3" ] && printf -- '-- depends: %s\n' "$3"
        [ -n "${4:-}" ] && printf -- '-- branch: %s\n' "$4"
        printf -- '-- +up\nCREATE TABLE t_%s (id integer PRIMARY KEY);\n' "$1"
        printf -- '-- +down\nDROP TABLE t_%s;\n' "$1"
    } | write_migration "$1.sql"
}
tables() { # the marker tables present, space separated
    for t in "$@"; do
        [ "$(db_has_table "t_$t")" = 1 ] && printf '%s ' "$t"
    done
}
rows() { db_sql "SELECT revision FROM strata_version ORDER BY revision" | tr '\n' ' '; }

# --- two applied heads: r0 <- a (branch pay), r0 <- b -------------------
mig r0 "" ""
mig a r0 "" pay
mig b r0 ""
st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" downgrade -1
expect_rc 2
expect_err "target '-1' is ambiguous"
expect_err "a (pay), b"
expect_err "a-1, b-1"
expect_eq "$(tables r0 a b)" "r0 a b " "nothing reverted by -1"
st --url "$URL" plan -1
expect_rc 2
expect_err "target '-1' is ambiguous"
# The named line: only a goes, b stays.
st --url "$URL" downgrade a-1
expect_rc 0
expect_eq "$(tables r0 a b)" "r0 b " "after a-1"
expect_eq "$(rows)" "b " "rows after a-1"
rm "$WORK/migrations/"*.sql

# --- a merge on the way: roots p and q, merge m, then n -----------------
new_db merge
mig p "" ""
mig q "" ""
mig m "p, q" ""
mig n m ""
st --url "$URL" upgrade heads
expect_rc 0
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(tables p q m n)" "p q m " "after -1"
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
expect_eq "$(tables p q m n)" "p q m n " "nothing reverted by the refusals"
# Refused before connecting: the database is never opened.
st --url "sqlite:///$WORK/none/x.db" downgrade m-1
expect_rc 2
expect_err "target 'm-1' is ambiguous"
# The suggested target reverts the two migrations above the merge.
st --url "$URL" downgrade p
expect_rc 0
expect_eq "$(tables p q m n)" "p q " "after downgrade p"
rm "$WORK/migrations/"*.sql

# --- -N reverts N at most: x, a root depending on a, is the one head ----
new_db deps
mig a "" ""
mig x "" a
st --url "$URL" upgrade heads
expect_rc 0
expect_eq "$(rows)" "x " "rows at x"
# -1 reverts x alone; a, which x only depended on, stays.
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(tables a x)" "a " "after -1 from x"
expect_eq "$(rows)" "a " "rows after -1 from x"
# y revises a; w revises y; z revises y and depends on w: from z, -2
# lands on a, and taking y away would take w too (3 > 2).
mig y a ""
mig w y ""
mig z y w
st --url "$URL" upgrade z
expect_rc 0
expect_eq "$(rows)" "z " "rows at z"
st --url "$URL" downgrade -2
expect_rc 2
expect_err "target '-2' would revert 3 migrations"
expect_eq "$(tables a w y z)" "a w y z " "nothing reverted by -2"
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(tables a w y z)" "a w y " "after -1 from z"
