# depends_heads.sh - a root that depends on another revision is recorded
# in place of its dependency, not beside it, so relative steps walk on
# from it (issue 15, item 18).
new_db
# a <- b; x is a second root that depends on b; y revises x.
marker_migration a
marker_migration b a
marker_migration x "" b
marker_migration y x

st --url "$URL" upgrade x
expect_rc 0
expect_eq "$(version_rows)" "x " "version rows at x"
st --url "$URL" current
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^b')" 0 "b listed by current"

# One revision to start from: +1 goes on to y.
st --url "$URL" upgrade +1
expect_rc 0
expect_out "1 migration from x to y (+1)"
expect_eq "$(version_rows)" "y " "version rows at y"

# Back down one step at a time: y, then x; b becomes a row again.
st --url "$URL" downgrade -1
expect_rc 0
expect_eq "$(version_rows)" "x " "version rows after -1"
st --url "$URL" downgrade x-1
expect_rc 0
expect_eq "$(version_rows)" "b " "version rows after x-1"
expect_eq "$(db_has_table t_b)" 1 "b stays applied"

# b's line grows past x's dependency: two rows, one per line.
marker_migration c b
st --url "$URL" upgrade heads
expect_rc 0
expect_eq "$(version_rows)" "c y " "version rows at heads"

# Down to b: c goes; x only depends on b, so x and y stay.
st --url "$URL" downgrade b
expect_rc 0
expect_eq "$(version_rows)" "y " "version rows after downgrade b"
st --url "$URL" downgrade x
expect_rc 0
expect_eq "$(version_rows)" "x " "version rows after downgrade x"

# A database recorded with the dependency as a row of its own (as
# earlier builds did) still moves: b's row comes back only once.
db_sql "INSERT INTO strata_version (revision) VALUES ('b')"
st --url "$URL" downgrade x-1
expect_rc 0
expect_eq "$(version_rows)" "b " "version rows from a legacy row"
expect_eq "$(db_has_table t_x)" 0 "x reverted"
