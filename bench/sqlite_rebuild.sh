#!/usr/bin/env bash
# bench/sqlite_rebuild.sh - strata on SQLite: one table rebuild, 100,000 rows.
#
# Prepares a database once: a table `items` with 100,000 rows, two indexes,
# a trigger and a view, and a child table `orders` with a foreign key to it
# (ON DELETE CASCADE).  Then measures the median wall-clock time and the
# peak RSS of
#   - strata upgrade head     applying one migration that adds a CHECK and
#                             drops a column's NOT NULL (one table rebuild),
# next to the sqlite3 CLI running the same rebuild written by hand (SQLite's
# 12-step procedure).  Every run starts from a fresh copy of the prepared
# file and is checked: a wrong result fails the benchmark.
#
# Usage: bench/sqlite_rebuild.sh [--record]
#   --record   also write the "SQLite rebuild (100,000 rows)" section of
#              bench/RESULTS.md (other sections are kept)
# Environment:
#   STRATA        the strata binary (default build/strata; a relative path is
#                 taken from the repository root; built with `make all` when
#                 missing)
#   RUNS          timed runs per measurement, median reported (default 7)
#   BENCH_TMPDIR  where the scratch directory is made (default $TMPDIR or
#                 /tmp); the filesystem under it decides what a commit costs
# See bench/README.md.
set -eu

prog=sqlite_rebuild.sh
ROWS=100000
CHILD_ROWS=20000
REV=001_items_rebuild
SECTION='## SQLite rebuild (100,000 rows)'

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args "$@"

# shellcheck source=bench/sqlite_lib.sh
. "$(dirname "$0")/sqlite_lib.sh"
PREP=$WORK/prepared.db   # built once, never touched by a measured command
# $DB: a fresh copy of PREP before every run
STRATA_CMD=("$STRATA_BIN" -q --url "$URL" --migrations "$MIG")
SQLITE_CMD=(sqlite3 -init /dev/null -batch -bail "$DB")

# --- the prepared database ---------------------------------------------------
# Deterministic rows (no random()), so that every copy is the same file.
ITEMS_DDL='CREATE TABLE items (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    qty integer NOT NULL,
    note text NOT NULL,
    created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP
)'
INDEX1='CREATE INDEX items_sku ON items (sku)'
INDEX2='CREATE INDEX items_qty_created ON items (qty, created_at)'
TRIGGER='CREATE TRIGGER items_qty_log AFTER UPDATE OF qty ON items
BEGIN
    INSERT INTO items_log (item_id, old_qty, new_qty)
        VALUES (old.id, old.qty, new.qty);
END'
VIEW='CREATE VIEW items_in_stock AS SELECT id, sku, qty FROM items WHERE qty > 0'

cat >"$WORK/setup.sql" <<EOF
$ITEMS_DDL;
CREATE TABLE items_log (
    id integer PRIMARY KEY,
    item_id integer NOT NULL,
    old_qty integer,
    new_qty integer
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    item_id integer NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    n integer NOT NULL
);
BEGIN;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $ROWS)
INSERT INTO items (id, sku, qty, note, created_at)
    SELECT i, printf('SKU-%07d', (i * 7919) % 1000003), i % 500,
           printf('item %d, batch %d', i, i / 1000),
           datetime(1700000000 + i * 37, 'unixepoch')
    FROM s;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $CHILD_ROWS)
INSERT INTO orders (id, item_id, n)
    SELECT i, 1 + (i * 4999) % $ROWS, 1 + i % 9 FROM s;
COMMIT;
$INDEX1;
$INDEX2;
CREATE INDEX orders_item ON orders (item_id);
$TRIGGER;
$VIEW;
EOF

note "preparing $ROWS rows in $PREP"
sqlite3 -init /dev/null -batch -bail "$PREP" ".read '$WORK/setup.sql'" >/dev/null ||
    die "preparing the database failed"

# --- the migration and the hand-written rebuild ------------------------------
cat >"$MIG/${REV}.sql" <<'EOF'
-- revision: 001_items_rebuild
-- message: items: qty must not be negative, note becomes optional

-- +up
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty >= 0);
ALTER TABLE items ALTER COLUMN note DROP NOT NULL;
EOF

# SQLite's procedure (lang_altertable.html, "Making Other Kinds Of Table
# Schema Changes"), as one would write it for this table.
cat >"$WORK/rebuild.sql" <<EOF
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE items_new (
    id integer PRIMARY KEY,
    sku text NOT NULL,
    qty integer NOT NULL,
    note text,
    created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT items_qty_check CHECK (qty >= 0)
);
INSERT INTO items_new (id, sku, qty, note, created_at)
    SELECT id, sku, qty, note, created_at FROM items;
DROP VIEW items_in_stock;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
$INDEX1;
$INDEX2;
$TRIGGER;
$VIEW;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys=ON;
EOF

# The copy is flushed before the timed run: otherwise the run's commit
# (fdatasync) would also write out the 12 MB that cp left dirty.
fresh() {
    rm -f "$DB" "$DB.lock" "$DB-journal" "$DB-wal" "$DB-shm"
    cp "$PREP" "$DB"
    sync -- "$DB" || die "sync $DB failed"
}

# --- correctness checks ------------------------------------------------------
q() { sqlite3 -init /dev/null -batch -bail "$1" "$2"; }

# What must survive the rebuild unchanged, read from the prepared file.
fingerprint() {  # DB TABLE: a SHA3 of every row, in rowid order
    q "$1" "SELECT (SELECT count(*) FROM $2) || ' rows, sha3 ' ||
                   hex(sha3_query('SELECT * FROM $2 ORDER BY id'))"
}
objects="SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || sql
    FROM sqlite_master WHERE type IN ('index', 'trigger', 'view')
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"
columns="SELECT group_concat(name || ' ' || (CASE \"notnull\" WHEN 1 THEN
    'NOT NULL' ELSE 'NULL' END), ', ') FROM pragma_table_info('items')"
in_stock="SELECT count(*) FROM items_in_stock"
named="SELECT group_concat(type || ' ' || name, ', ') FROM (SELECT type, name
    FROM sqlite_master WHERE name IN ('items_sku', 'items_qty_created',
    'items_qty_log', 'items_in_stock') AND tbl_name IN ('items', name)
    ORDER BY name)"
EXPECT_NAMED='view items_in_stock, index items_qty_created, trigger items_qty_log, index items_sku'

REF_ITEMS=$(fingerprint "$PREP" items)
REF_ORDERS=$(fingerprint "$PREP" orders)
REF_OBJECTS=$(q "$PREP" "$objects")
REF_IN_STOCK=$(q "$PREP" "$in_stock")
[ "${REF_ITEMS%% *}" = "$ROWS" ] ||
    die "prepared database: items holds ${REF_ITEMS%% *} rows, expected $ROWS"
[ "${REF_ORDERS%% *}" = "$CHILD_ROWS" ] ||
    die "prepared database: orders holds ${REF_ORDERS%% *} rows"
[ "$(q "$PREP" "$named")" = "$EXPECT_NAMED" ] ||
    die "prepared database: expected $EXPECT_NAMED, found: $(q "$PREP" "$named")"
EXPECT_COLUMNS='id NULL, sku NOT NULL, qty NOT NULL, note NULL, created_at NOT NULL'
[ "$(q "$PREP" "$columns")" = \
  'id NULL, sku NOT NULL, qty NOT NULL, note NOT NULL, created_at NOT NULL' ] ||
    die "prepared database: unexpected columns: $(q "$PREP" "$columns")"
# The CHECK is refused before the rebuild: the prepared file must accept the
# row that the rebuilt table refuses, or that check proves nothing.
q "$PREP" "BEGIN; INSERT INTO items (sku, qty, note) VALUES ('bad', -1, 'x');
           ROLLBACK;" >/dev/null ||
    die "prepared database: a negative qty is refused before the rebuild"

check_rebuilt() {            # WHAT [strata]
    local what=$1 got out rc
    got=$(fingerprint "$DB" items)
    [ "$got" = "$REF_ITEMS" ] ||
        die "$what: items changed: '$got', expected '$REF_ITEMS'"
    got=$(fingerprint "$DB" orders)
    [ "$got" = "$REF_ORDERS" ] ||
        die "$what: orders (the child table) changed: '$got', expected '$REF_ORDERS'"
    got=$(q "$DB" "$named")
    [ "$got" = "$EXPECT_NAMED" ] ||
        die "$what: expected $EXPECT_NAMED on items, found: $got"
    got=$(q "$DB" "$objects")
    if [ "$got" != "$REF_OBJECTS" ]; then
        echo "$prog: $what: indexes, triggers or views differ (< before, > after):" >&2
        diff <(printf '%s\n' "$REF_OBJECTS") <(printf '%s\n' "$got") >&2 || true
        exit 1
    fi
    got=$(q "$DB" "$in_stock")
    [ "$got" = "$REF_IN_STOCK" ] ||
        die "$what: the view returns $got rows, expected $REF_IN_STOCK"
    got=$(q "$DB" "BEGIN; UPDATE items SET qty = qty + 1 WHERE id = 1;
                   SELECT count(*) FROM items_log; ROLLBACK;")
    [ "$got" = 1 ] || die "$what: the trigger did not fire (items_log: $got rows)"
    got=$(q "$DB" "$columns")
    [ "$got" = "$EXPECT_COLUMNS" ] ||
        die "$what: columns are '$got', expected '$EXPECT_COLUMNS'"
    q "$DB" "BEGIN; INSERT INTO items (sku, qty, note) VALUES ('nullable', 0, NULL);
             ROLLBACK;" >/dev/null 2>&1 ||
        die "$what: a row with a NULL note is refused"
    q "$DB" "SELECT sql FROM sqlite_master WHERE name = 'items'" |
        grep -q 'CONSTRAINT "\{0,1\}items_qty_check"\{0,1\} CHECK' ||
        die "$what: the CHECK is not named items_qty_check in: $(q "$DB" \
            "SELECT sql FROM sqlite_master WHERE name = 'items'")"
    rc=0
    out=$(q "$DB" "INSERT INTO items (sku, qty, note) VALUES ('bad', -1, 'x')" 2>&1) ||
        rc=$?
    [ "$rc" != 0 ] || die "$what: a row with qty = -1 was accepted"
    case $out in
    *'CHECK constraint failed'*) ;;
    *) die "$what: the violating row failed for another reason: $out" ;;
    esac
    got=$(q "$DB" "PRAGMA foreign_key_check")
    [ -z "$got" ] || die "$what: PRAGMA foreign_key_check reports: $got"
    got=$(q "$DB" "PRAGMA integrity_check")
    [ "$got" = ok ] || die "$what: PRAGMA integrity_check: $got"
    [ ! -e "$DB-journal" ] && [ ! -e "$DB-wal" ] ||
        die "$what: a journal was left behind"
    if [ "${2:-}" = strata ]; then
        got=$(q "$DB" "SELECT count(*) || ' ' || coalesce(max(revision), '')
                       FROM strata_version")
        [ "$got" = "1 $REV" ] ||
            die "$what: strata_version holds '$got', expected one row '$REV'"
    fi
}
check_strata() { check_rebuilt "$1" strata; }
check_cli() { check_rebuilt "$1"; }

# --- what strata renders: one rebuild for both operations --------------------
# One untimed -v run: the statements are kept for RESULTS.md, and the two
# operations must share a single rebuild (one CREATE TABLE, one copy).
fresh
run direct "$STRATA_BIN" -v --url "$URL" --migrations "$MIG" upgrade head
must_succeed "strata -v upgrade head (rendering check)"
check_strata "strata -v upgrade head (rendering check)"
RENDERED=$(sed -n 's/^ *sql: //p' "$LOG")
n_create=$(printf '%s\n' "$RENDERED" | grep -c '^CREATE TABLE' || true)
n_copy=$(printf '%s\n' "$RENDERED" | grep -c '^INSERT INTO' || true)
n_rebuilt=$(grep -c '\[table rebuilt\]' "$LOG" || true)
[ "$n_create" = 1 ] && [ "$n_copy" = 1 ] ||
    die "expected one rebuild (one CREATE TABLE, one INSERT … SELECT), strata rendered:
$RENDERED"
[ "$n_rebuilt" = 2 ] ||
    die "expected both operations reported '[table rebuilt]', got $n_rebuilt; output:
$(cat "$LOG")"

# --- the measurement ---------------------------------------------------------
# measure_pair KEY_A KEY_B: RUNS rounds, each timing A (strata) and B (the
# sqlite3 CLI) once, in alternating order (A B, B A, ...), so that a drift
# of the machine (other load, the disk's write-back) falls on both sides
# alike; then one run of each for peak RSS (under GNU time when present).
# Every run starts with fresh and ends with its check.  Sets ${KEY}_MS
# (median), ${KEY}_KB, ${KEY}_ALL (all samples, in order).  The command and
# the check of KEY are ${KEY}_CMD (an array) and ${KEY}_CHECK.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) printf "%.1f", a[(NR + 1) / 2]
        else printf "%.1f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
one() {                      # MODE KEY WHAT
    local cmd="${2}_CMD[@]" check="${2}_CHECK"
    fresh
    run "$1" "${!cmd}"
    must_succeed "$2 $3"
    ${!check} "$2 $3"
}
measure_pair() {
    local a=$1 b=$2 r key first second
    local -A samples=()
    note "$RUNS rounds of: $a, $b (alternating)"
    for r in $(seq "$RUNS"); do
        if [ $((r % 2)) = 1 ]; then first=$a second=$b; else first=$b second=$a; fi
        for key in "$first" "$second"; do
            one direct "$key" "run $r"
            samples[$key]="${samples[$key]:-} $MS"
        done
    done
    for key in "$a" "$b"; do
        one "$RSS_MODE" "$key" "(peak RSS run)"
        eval "${key}_KB=\$KB"
        eval "${key}_MS=\$(median ${samples[$key]})"
        eval "${key}_ALL=\"\$(printf '%.1f ' ${samples[$key]})\""
        eval "${key}_ALL=\"\${${key}_ALL% }\""
    done
}

S_RB_CMD=("${STRATA_CMD[@]}" upgrade head)
S_RB_CHECK=check_strata
C_RB_CMD=("${SQLITE_CMD[@]}" ".read '$WORK/rebuild.sql'")
C_RB_CHECK=check_cli
note "strata: ${S_RB_CMD[*]}"
note "sqlite3: ${C_RB_CMD[*]}"
measure_pair S_RB C_RB

# --- the table ---------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
commas() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }

rb_ratio=$(ratio "$S_RB_MS" "$C_RB_MS")
le "$rb_ratio" 1.5 && rb_ok=yes || rb_ok=no

table() {
    cat <<EOF
| metric | strata median ms | sqlite3 median ms | ratio | strata peak RSS MB | sqlite3 peak RSS MB | target | met? |
| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |
| table rebuild: ADD CHECK + DROP NOT NULL on \`items\` (100,000 rows) | $S_RB_MS | $C_RB_MS | $rb_ratio | $(mb "$S_RB_KB") | $(mb "$C_RB_KB") | ≤ 1.5× sqlite3 | $rb_ok |
EOF
}

table

[ "$record" = 1 ] || exit 0

# --- RESULTS.md: this script's section only ----------------------------------
if commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    [ -z "$(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null)" ] ||
        commit="$commit + uncommitted changes"
else
    commit=uncommitted
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
libpath() { ldd "$1" 2>/dev/null | awk '/libsqlite3/ { print $3; exit }'; }
drv=$(dirname "$STRATA_BIN")/drivers/strata_sqlite.so
drvlib=$( [ -e "$drv" ] && libpath "$drv" || true)
clilib=$(libpath "$(command -v sqlite3)")
fs=$(df -PT "$WORK" 2>/dev/null | awk 'NR == 2 { print $2 " (" $1 ")" }')
section=$WORK/section.md
cat >"$section" <<EOF
$SECTION

Recorded by \`bench/sqlite_rebuild.sh --record\` (see bench/README.md for
what is measured). The target comes from issue 3's acceptance ("within
1.5×" of the sqlite3 CLI running the same rebuild written by hand).

| | |
| --- | --- |
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| machine | nproc $(nproc), ${cpu:-unknown CPU} |
| kernel | $(uname -sr) |
| SQLite | $(sqlite3 --version | awk '{ print $1, $2 }') (CLI library: ${clilib:-static}; driver library: ${drvlib:-unknown}) |
| strata | $commit ($("$STRATA_BIN" --help 2>/dev/null | grep -o 'strata [0-9][0-9.]*' | head -n 1 || true)) |
| scratch filesystem | ${fs:-unknown} |
| database | $(du -k "$PREP" | awk '{ printf "%.1f MB", $1 / 1024 }'): \`items\` $(commas $ROWS) rows, 2 indexes, a trigger, a view; \`orders\` $(commas $CHILD_ROWS) rows with a foreign key to it |
| runs | median of $RUNS timed runs of each command, strata and sqlite3 alternating, each on a fresh copy of the prepared file (synced before the run); peak RSS from one more run of each |
| peak RSS | $RSS_METHOD |

$(table)

Ratio = strata median / sqlite3 median. strata's time is the whole
\`strata upgrade head\` process (start-up, driver load, parsing, creating
its two history tables on this first run, reading the table's catalog, the
rebuild, the history rows, the commit); the baseline is
\`sqlite3 -batch -bail bench.db ".read rebuild.sql"\` with the hand-written
rebuild. Both end with one commit.

The statements strata rendered (\`strata -v upgrade head\`; the
\`PRAGMA foreign_keys\` switches and \`PRAGMA foreign_key_check\` are run
by the runner and not listed):

\`\`\`sql
$RENDERED
\`\`\`

Samples (ms):
- strata upgrade head (the rebuild): $S_RB_ALL
- sqlite3 CLI, hand-written rebuild: $C_RB_ALL

EOF

record_section "$section"
