# downgrade_depends.sh - `downgrade REV` reverts what descends from REV
# through `revises`, and a revision that only depends on REV stays: it
# goes only when the revision it depends on goes (issue 15, item 16).
new_db
# caa1f8 <- bdc642; ac530c, a second root, depends on caa1f8; dd7e01
# depends on bdc642 (so it goes with bdc642).
marker_migration caa1f8
marker_migration bdc642 caa1f8
marker_migration ac530c "" caa1f8
marker_migration dd7e01 "" bdc642
ALL="caa1f8 bdc642 ac530c dd7e01"

st --url "$URL" upgrade heads
expect_rc 0
expect_eq "$(marker_tables $ALL)" "$ALL " "after upgrade heads"

st --url "$URL" downgrade caa1f8
expect_rc 0
expect_out "bdc642"
expect_out "dd7e01"
expect_no_out "down ac530c"
# ac530c depends on caa1f8, which stays: so does ac530c and its table.
expect_eq "$(marker_tables $ALL)" "caa1f8 ac530c " \
    "after downgrade caa1f8"
expect_eq "$(version_rows)" "ac530c " "version rows after downgrade caa1f8"

# Taking caa1f8 itself away takes what depends on it.
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(marker_tables $ALL)" "" "after downgrade base"
expect_eq "$(db_count strata_version)" 0 "version rows at base"
