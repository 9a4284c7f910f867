# adopt_layouts.sh - other tools' folders run unchanged: each fixture of
# tests/adopt/layouts (golang-migrate, dbmate, goose, Flyway, sqlx) up
# and down through strata and through the engine's own client in the
# tool's order, catalogs compared (docs/adopting.md).
out=$WORK/adopt_layouts.out
python3 "$ROOT/tests/adopt/run_layouts.py" --dialect "$DIALECT" \
    --strata "$STRATA" --work "$WORK/layouts" >"$out" 2>&1
RC=$?
OUT=$(cat "$out")
printf '%s\n' "$OUT" | tail -n 1
[ "$RC" -eq 0 ] || fail "an adopted layout differs from the engine's client"
