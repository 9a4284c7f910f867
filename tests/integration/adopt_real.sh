# adopt_real.sh - real projects' migration folders (tests/adopt/third_party,
# tests/adopt/SOURCES.md: Prisma, Drizzle, Diesel and sqlx projects) run
# unchanged on each dialect they ship files for, the catalog compared
# with the engine's own client after every file (docs/adopting.md).
out=$WORK/adopt_real.out
python3 "$ROOT/tests/adopt/run_real.py" --dialect "$DIALECT" \
    --strata "$STRATA" --work "$WORK/real" >"$out" 2>&1
RC=$?
OUT=$(cat "$out")
printf '%s\n' "$OUT" | tail -n 1
[ "$RC" -eq 0 ] || fail "a real project's folder differs from the engine's client"
