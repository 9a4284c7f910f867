# downgrade_depends.sh - `downgrade REV` reverts what descends from REV
# through `revises`, and a revision that only depends on REV stays: it
# goes only when the revision it depends on goes (issue 15, item 16).
new_db
# caa1f8 <- bdc642; ac530c, a second root, depends on caa1f8; dd7e01
# depends on bdc642 (so it goes with bdc642).
mig() { # ID REVISES DEPENDS
    {
        printf -- '-- revision: %s\n' "$1"
        [ -n "$2" ] && printf -- '-- revises: %s\n' "$2"
        [ -n "$3" ] && printf -- '-- depends: %s\n' "$3"
        printf -- '-- +up\nCREATE TABLE t_%s (id integer PRIMARY KEY);\n' "$1"
        printf -- '-- +down\nDROP TABLE t_%s;\n' "$1"
    } | write_migration "$1.sql"
}
mig caa1f8 "" ""
mig bdc642 caa1f8 ""
mig ac530c "" caa1f8
mig dd7e01 "" bdc642
tables() { # the marker tables present, sorted, space separated
    for t in caa1f8 bdc642 ac530c dd7e01; do
        [ "$(db_has_table "t_$t")" = 1 ] && printf '%s ' "$t"
    done
}

st --url "$URL" upgrade heads
expect_rc 0
expect_eq "$(tables)" "caa1f8 bdc642 ac530c dd7e01 " "after upgrade heads"

st --url "$URL" downgrade caa1f8
expect_rc 0
expect_out "bdc642"
expect_out "dd7e01"
expect_no_out "down ac530c"
# ac530c depends on caa1f8, which stays: so does ac530c and its table.
expect_eq "$(tables)" "caa1f8 ac530c " "after downgrade caa1f8"
expect_eq "$(db_sql "SELECT revision FROM strata_version ORDER BY revision")" \
    ac530c "version rows after downgrade caa1f8"

# Taking caa1f8 itself away takes what depends on it.
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(tables)" "" "after downgrade base"
expect_eq "$(db_count strata_version)" 0 "version rows at base"
