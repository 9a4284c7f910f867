# upgrade_behind.sh - an upgrade to a target below what is applied
# ("upgrade -1", "upgrade base", an older revision) is a usage error,
# exit 2, saying to use downgrade, and changes nothing; an upgrade with
# nothing to do at the target stays exit 0 (issue 15, defect 5).
# dialects: sqlite
new_db
marker_migration a
marker_migration b a
marker_migration c b
marker_migration root2 "" b
marker_migration x
marker_migration y "" x
# A fresh database: "base" is where it is already.
st --url "$URL" upgrade base
expect_rc 0
expect_out "nothing to do"
st --url "$URL" upgrade c
expect_rc 0
rows=$(version_rows)
for target in -1 base a b c-2 a+1; do
    st --url "$URL" upgrade "$target"
    expect_rc 2 "upgrade $target"
    expect_err "is behind c, applied to"
    expect_err "run 'strata downgrade $target'"
    expect_eq "$(version_rows)" "$rows" "version rows after upgrade $target"
done
st --url "$URL" upgrade -1
expect_err "upgrade target b (-1) is behind c"
expect_err "to revert the 1 migration above it"
st --url "$URL" --json upgrade base
expect_rc 2
expect_out '"ok":false'
# At the target, or a target another branch needs: nothing to do.
st --url "$URL" upgrade c
expect_rc 0
expect_out "nothing to do"
st --url "$URL" upgrade root2
expect_rc 0
expect_eq "$(marker_tables a b c root2)" "a b c root2 " "after upgrade root2"
# b is applied and only root2 depends on it beyond c: still behind c.
st --url "$URL" upgrade b
expect_rc 2
# x is applied for y, which only depends on it: nothing above x goes
# with a downgrade to it, so nothing to do.
st --url "$URL" upgrade y
expect_rc 0
st --url "$URL" upgrade x
expect_rc 0
expect_out "nothing to do"
# The script forms refuse the same way.
st --url "$URL" upgrade --sql --from c a
expect_rc 2
expect_err "is behind c, applied at --from c"
# plan plans the downgrade instead (plan_behind.sh).
st --url "$URL" plan a
expect_rc 0
expect_out "plan: downgrade to a on"
expect_eq "$(marker_tables a b c root2 x y)" "a b c root2 x y " "after the refusals"
