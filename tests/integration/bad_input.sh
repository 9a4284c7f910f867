# bad_input.sh - every fixture in tests/data/bad (README.md there): its
# exact message and exit code, and the database untouched (same dump,
# no history tables), on every dialect.
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
# One database with a sentinel table serves every case: each must leave
# it as it was (a `fresh` case gets a database of its own, left empty).
new_db shared
db_sql "CREATE TABLE sentinel (x integer); INSERT INTO sentinel VALUES (42);"
shared_url=$URL shared_file=${DBFILE:-} shared_name=${DBNAME:-}
shared_dump=$(db_dump)
cases=0
for dir in "$ROOT"/tests/data/bad/*/; do
    name=$(basename "$dir")
    # A case written in one dialect's syntax lists where it applies.
    if [ -f "$dir/dialects" ] && ! grep -qw "$DIALECT" "$dir/dialects"; then
        continue
    fi
    SCENARIO="bad_input/$name"
    case_dir="$WORK/$name"
    cp -r "$dir" "$case_dir"
    cd "$case_dir" || fail "cd $case_dir"
    if [ -f fresh ]; then
        new_db "db-$name"
        before=$(db_dump)
    else
        URL=$shared_url DBFILE=$shared_file DBNAME=$shared_name
        before=$shared_dump
    fi
    # The test database's URL as strata prints it, password masked.
    shown_url=$(printf '%s' "$URL" | sed 's#^\([a-z]*://[^:/@]*\):[^@/]*@#\1:***@#')
    args=$(cat cmd)
    case " $args " in
    *" --url "* | *" -c "*) ;;
    *) args="--url $URL $args" ;;
    esac
    bin=$STRATA
    if [ -f isolated ]; then
        mkdir -p bin && cp "$STRATA" bin/strata && bin=$case_dir/bin/strata
    fi
    # env: NAME=VALUE lines, set for this run only.
    names=""
    if [ -f env ]; then
        while IFS= read -r kv; do
            export "${kv?}"
            names="$names ${kv%%=*}"
        done <env
    fi
    # shellcheck disable=SC2086
    STRATA=$bin st $args
    # shellcheck disable=SC2086
    [ -z "$names" ] || unset $names
    # A dialect may word a refusal its own way: stderr.<dialect>.
    efile=stderr
    [ -f "stderr.$DIALECT" ] && efile=stderr.$DIALECT
    expected=$(sed -e "s#@WORK@#$case_dir#g" -e "s#@BUILD@#$BUILD_DIR#g" \
        -e "s#@DRIVERDIR@#$DRIVERDIR#g" -e "s#@SCHEMES@#$SCHEMES#g" \
        -e "s#@SHOWN_URL@#$shown_url#g" "$efile")
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
# Every fixture but those written for other dialects ran.
[ "$cases" -ge 60 ] || fail "only $cases fixtures ran"
