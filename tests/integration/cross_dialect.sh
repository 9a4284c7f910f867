# cross_dialect.sh - the same portable chains give equivalent schemas on
# SQLite, PostgreSQL and MariaDB: strata's neutral catalog of every table
# (strata inspect --json) is compared across the three, and Firebird where
# the portable model has its forms: column names,
# order, nullability, primary keys, type families (SQLite's declared
# names read as names: VARCHAR is text, BOOLEAN bool, DATETIME time),
# constraints and indexes built by portable statements (implied CHECKs
# ignored).
# dialects: sqlite
[ -n "${STRATA_TEST_PG_URL:-}" ] || fail "STRATA_TEST_PG_URL is not set"
[ -n "${STRATA_TEST_MYSQL_URL:-}" ] || fail "STRATA_TEST_MYSQL_URL is not set"
# Defaults, CHECK expressions and index predicates are compared too, as
# catalog_compare.py normalises each engine's re-printing of them.
dialects="sqlite postgres mysql"
compare() { # MIGRATIONS NAME TARGET TABLES... on each of $dialects
    local dir=$1 ex=$2 target=$3 files=""
    shift 3
    rm -rf "${WORK:?}/$ex" && mkdir -p "$WORK/$ex"
    for d in $dialects; do
        DIALECT=$d new_db "$ex"
        st --url "$URL" --migrations "$dir" --allow-locking upgrade "$target"
        expect_rc 0 "$ex on $d"
        st --url "$URL" --json inspect "$@"
        expect_rc 0
        printf '%s' "$OUT" >"$WORK/$ex/$d.json"
        files="$files $WORK/$ex/$d.json"
    done
    SCENARIO="cross_dialect/$ex"
    # shellcheck disable=SC2086
    python3 "$ROOT/tests/integration/catalog_compare.py" $files \
        >"$WORK/$ex/diff" 2>&1 || fail "catalogs differ: $(cat "$WORK/$ex/diff")"
    SCENARIO=cross_dialect
}
compare "$ROOT/examples/signals/migrations" signals head signals
# Firebird 3 too, for what the portable model expresses there: the
# examples whose indexes have one direction each (signals' (state,
# created_at DESC) has no Firebird form), and the shapes below without
# such an index.
[ -n "${STRATA_TEST_FB_URL:-}" ] || fail "STRATA_TEST_FB_URL is not set"
dialects="sqlite postgres mysql firebird"
compare "$ROOT/examples/projects/migrations" projects head projects \
    project_payloads project_events
compare "$ROOT/examples/scheduler/migrations" scheduler 001_proposals \
    rebalancing_proposals proposal_moves
dialects="sqlite postgres mysql"

# Defaults, CHECKs and index predicates the examples lack; MariaDB has
# no partial indexes, so those compare on SQLite and PostgreSQL.
write_migration shapes/1.sql <<'SQL'
-- revision: s1
-- +up
CREATE TABLE shapes (
    id integer PRIMARY KEY,
    kind varchar(10) NOT NULL DEFAULT 'box',
    size integer DEFAULT 7 CHECK (size >= 0 AND size < 1000),
    ratio real DEFAULT 0.5,
    active boolean NOT NULL DEFAULT true,
    label text
);
ALTER TABLE shapes ADD CONSTRAINT shapes_kind_check CHECK (kind IN ('box', 'ball'));
CREATE INDEX shapes_kind ON shapes (kind, size DESC);
SQL
compare "$WORK/migrations/shapes" shapes head shapes
write_migration partial/1.sql <<'SQL'
-- revision: p1
-- +up
CREATE TABLE parts (id integer PRIMARY KEY, kind text NOT NULL, size integer);
CREATE INDEX parts_big ON parts (kind) WHERE size > 10;
CREATE UNIQUE INDEX parts_kind_lower ON parts (lower(kind)) WHERE size IS NOT NULL;
SQL
dialects="sqlite postgres"
compare "$WORK/migrations/partial" partial head parts

dialects="sqlite postgres mysql firebird"
mkdir -p "$WORK/migrations/shapes_fb"
sed -e 's/(kind, size DESC)/(kind, size)/' "$WORK/migrations/shapes/1.sql" \
    >"$WORK/migrations/shapes_fb/1.sql"
echo 'CREATE INDEX shapes_size ON shapes (size DESC);' \
    >>"$WORK/migrations/shapes_fb/1.sql"
compare "$WORK/migrations/shapes_fb" shapes_fb head shapes
