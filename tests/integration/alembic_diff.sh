# alembic_diff.sh - strata against Alembic on random revision graphs
# (tests/alembic/diff.py): the same commands on both tools, the applied
# sets and current revisions compared after each one; a disagreement
# fails unless it is a deliberate departure listed in docs/design.md
# §9.2.  `make alembic-diff` runs a longer form.
# dialects: sqlite
"$ROOT/scripts/deps.sh" --list | tr ' ' '\n' | grep -qx python3-alembic ||
    fail "scripts/deps.sh does not install python3-alembic"
out=$(python3 "$ROOT/tests/alembic/diff.py" --strata "$STRATA" \
    --graphs "${STRATA_ALEMBIC_GRAPHS:-40}" --commands 12 2>&1)
rc=$?
printf '%s\n' "$out" >>"$SUITE_LOG"
[ "$rc" -eq 0 ] || { OUT=$out; fail "strata and Alembic disagree"; }
case "$out" in
*"alembic-diff: "*", 0 disagreements"*) ;;
*) OUT=$out; fail "no summary from diff.py" ;;
esac
