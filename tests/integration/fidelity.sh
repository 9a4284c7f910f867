# fidelity.sh - the differential fidelity suite on this dialect: every
# chain of tests/fidelity/chains through the engine's own client and
# through strata, catalogs compared (docs/fidelity.md).
out=$WORK/fidelity.out
python3 "$ROOT/tests/fidelity/run.py" --dialect "$DIALECT" --strata "$STRATA" \
    --work "$WORK/fidelity" >"$out" 2>&1
RC=$?
OUT=$(cat "$out")
printf '%s\n' "$OUT" | tail -n 1
[ "$RC" -eq 0 ] || fail "catalogs differ from the engine's client (docs/fidelity.md)"
