# bad_input.sh - every fixture in tests/data/bad: its exact message and
# exit code, and the database untouched (same dump, no history tables).
BUILD_DIR=$(cd "$(dirname "$STRATA")" && pwd)
st drivers
DRIVERDIR=$(printf '%s\n' "$OUT" | sed -n 's/^searched: .* //p')
[ -n "$DRIVERDIR" ] || fail "cannot read the driver directory"
# The schemes the drivers found serve, as an unknown scheme's message
# lists them.
st drivers --json
SCHEMES=$(printf '%s' "$OUT" | python3 -c 'import json,sys
print(", ".join(s for d in json.load(sys.stdin)["drivers"] for s in d["schemes"]))') ||
    fail "cannot read the drivers' schemes"
cases=0
for dir in "$ROOT"/tests/data/bad/*/; do
    name=$(basename "$dir")
    # A case written in one dialect's syntax lists where it applies.
    if [ -f "$dir/dialects" ] && ! grep -qw "$DIALECT" "$dir/dialects"; then
        continue
    fi
    case_dir="$WORK/$name"
    cp -r "$dir" "$case_dir"
    cd "$case_dir" || fail "cd $case_dir"
    new_db "db-$name"
    # A `fresh` case starts with no database at all and must not make one.
    [ -f fresh ] || db_sql "CREATE TABLE sentinel (x integer); INSERT INTO sentinel VALUES (42);"
    before=$(db_dump)
    args=$(cat cmd)
    case " $args " in
    *" --url "* | *" -c "*) ;;
    *) args="--url $URL $args" ;;
    esac
    bin=$STRATA
    if [ -f isolated ]; then
        mkdir -p bin && cp "$STRATA" bin/strata && bin=$case_dir/bin/strata
    fi
    # shellcheck disable=SC2086
    STRATA=$bin st $args
    # A dialect may word a refusal its own way: stderr.<dialect>.
    efile=stderr
    [ -f "stderr.$DIALECT" ] && efile=stderr.$DIALECT
    expected=$(sed -e "s#@WORK@#$case_dir#g" -e "s#@BUILD@#$BUILD_DIR#g" \
        -e "s#@DRIVERDIR@#$DRIVERDIR#g" -e "s#@SCHEMES@#$SCHEMES#g" "$efile")
    SCENARIO="bad_input/$name"
    expect_rc "$(cat exit)"
    [ "$ERR" = "$expected" ] ||
        fail "stderr differs; expected:
$expected"
    expect_eq "$(db_dump)" "$before" "database dump"
    if [ -f fresh ] && [ "$DIALECT" = sqlite ] && [ -e "$DBFILE" ]; then
        fail "bad input created the database file"
    fi
    cases=$((cases + 1))
    cd "$WORK" || fail "cd $WORK"
done
[ "$cases" -ge 16 ] || fail "only $cases fixtures ran"
