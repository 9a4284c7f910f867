# ensure.sh - every portable operation against an object that is absent,
# present and equal, and present and different (docs/design.md §3.3): the
# outcome word, the exit code, and the schema afterwards.
# dialects: sqlite

n=0
# check NAME SETUP STATEMENT RC OUTCOME [QUERY EXPECTED]
#   SETUP: SQL run before (the dialect's own client); STATEMENT: the one
#   portable statement of the migration; OUTCOME: the word reported (a
#   drift reports no word: RC 3 and "differs" on stderr).
check() {
    local name=$1 setup=$2 stmt=$3 rc=$4 outcome=$5 query=${6:-} want=${7:-}
    n=$((n + 1))
    new_db "e$n"
    db_sql "CREATE TABLE sentinel (x integer); $setup"
    mkdir -p "$WORK/m$n"
    printf -- '-- revision: r1\n-- +up\n%s;\n' "$stmt" >"$WORK/m$n/1.sql"
    SCENARIO="ensure/$name"
    st --url "$URL" --migrations "$WORK/m$n" --json upgrade
    expect_rc "$rc"
    if [ "$rc" = 0 ]; then
        got=$(printf '%s' "$OUT" | python3 -c \
            'import json,sys; d=json.load(sys.stdin); print(d["migrations"][0]["operations"][0]["outcome"])')
        expect_eq "$got" "$outcome" "outcome"
    else
        expect_err "$outcome"
    fi
    [ -z "$query" ] || expect_eq "$(db_sql "$query")" "$want" "schema after"
}

T="CREATE TABLE t (id integer PRIMARY KEY, a text);"
cols="SELECT group_concat(name || ':' || type || ':' || \"notnull\" || ':' || ifnull(dflt_value, '-'), ' ') FROM pragma_table_info('t')"
tsql="(SELECT sql FROM sqlite_schema WHERE name = 't')"
has() { echo "SELECT count(*) FROM sqlite_schema WHERE name = '$1'"; }

check create_absent "" "CREATE TABLE t (id integer PRIMARY KEY, a text)" \
    0 "applied" "$cols" "id:INTEGER:0:- a:TEXT:0:-"
check create_equal "$T" "CREATE TABLE t (id integer PRIMARY KEY, a text)" \
    0 "skipped (exists)"
check create_other "CREATE TABLE t (z blob);" \
    "CREATE TABLE t (id integer PRIMARY KEY, a text)" 0 "skipped (exists)" \
    "$cols" "z:BLOB:0:-"
check drop_table_absent "" "DROP TABLE t" 0 "skipped (absent)"
check drop_table_present "$T" "DROP TABLE t" 0 "applied" "$(has t)" 0

check add_column_absent "$T" "ALTER TABLE t ADD COLUMN b varchar(10) NOT NULL DEFAULT 'x'" \
    0 "applied" "$cols" "id:INTEGER:0:- a:TEXT:0:- b:VARCHAR(10):1:'x'"
check add_column_equal "$T" "ALTER TABLE t ADD COLUMN a text" 0 "skipped (exists)"
check add_column_other "$T" "ALTER TABLE t ADD COLUMN a integer" 3 \
    "column a on t differs: migration has integer, database has TEXT"
check add_column_ine_other "$T" "ALTER TABLE t ADD COLUMN IF NOT EXISTS a integer" 0 \
    "skipped (exists, differs: migration has integer, database has TEXT)" \
    "$cols" "id:INTEGER:0:- a:TEXT:0:-"
check drop_column_absent "$T" "ALTER TABLE t DROP COLUMN b" 0 "skipped (absent)"
check drop_column_present "$T" "ALTER TABLE t DROP COLUMN a" 0 "applied" \
    "$cols" "id:INTEGER:0:-"

check add_column_nullability "$T" "ALTER TABLE t ADD COLUMN a text NOT NULL" 3 \
    "column a on t differs: migration has text NOT NULL, database has TEXT"
check rename_column_absent "$T" "ALTER TABLE t RENAME COLUMN a TO b" 0 "applied" \
    "$cols" "id:INTEGER:0:- b:TEXT:0:-"
check rename_column_done "CREATE TABLE t (id integer PRIMARY KEY, b text);" \
    "ALTER TABLE t RENAME COLUMN a TO b" 0 "skipped (exists)"
check rename_column_both "CREATE TABLE t (id integer PRIMARY KEY, a text, b text);" \
    "ALTER TABLE t RENAME COLUMN a TO b" 3 "cannot rename column a to b: both exist"
check rename_column_neither "$T" "ALTER TABLE t RENAME COLUMN x TO y" 3 \
    "cannot rename column x to y: neither exists"
check rename_table_absent "$T" "ALTER TABLE t RENAME TO u" 0 "applied" "$(has u)" 1
check rename_table_done "CREATE TABLE u (id integer);" "ALTER TABLE t RENAME TO u" \
    0 "skipped (exists)"
check rename_table_both "$T CREATE TABLE u (id integer);" "ALTER TABLE t RENAME TO u" \
    3 "cannot rename table t to u: both exist"

check rename_table_neither "" "ALTER TABLE t RENAME TO u" 3 \
    "cannot rename table t to u: neither exists"
check set_not_null_absent "$T" "ALTER TABLE t ALTER COLUMN a SET NOT NULL" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:TEXT:1:-"
check set_not_null_equal "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);" \
    "ALTER TABLE t ALTER COLUMN a SET NOT NULL" 0 "skipped (exists)"
check set_not_null_nocol "$T" "ALTER TABLE t ALTER COLUMN zz SET NOT NULL" 3 \
    "column zz does not exist on t"
check drop_not_null_present "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);" \
    "ALTER TABLE t ALTER COLUMN a DROP NOT NULL" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:TEXT:0:-"
check drop_not_null_equal "$T" "ALTER TABLE t ALTER COLUMN a DROP NOT NULL" 0 \
    "skipped (exists)"
check set_default_absent "$T" "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:TEXT:0:'x'"
check set_default_equal "CREATE TABLE t (id integer PRIMARY KEY, a text DEFAULT 'x');" \
    "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'" 0 "skipped (exists)"
check set_default_other "CREATE TABLE t (id integer PRIMARY KEY, a text DEFAULT 'y');" \
    "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'x'" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:TEXT:0:'x'"
check drop_default_present "CREATE TABLE t (id integer PRIMARY KEY, a text DEFAULT 'y');" \
    "ALTER TABLE t ALTER COLUMN a DROP DEFAULT" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:TEXT:0:-"
check drop_default_absent "$T" "ALTER TABLE t ALTER COLUMN a DROP DEFAULT" 0 \
    "skipped (exists)"
check alter_type_other "$T" "ALTER TABLE t ALTER COLUMN a TYPE integer" 0 "applied" \
    "$cols" "id:INTEGER:0:- a:INTEGER:0:-"
check alter_type_equal "$T" "ALTER TABLE t ALTER COLUMN a TYPE varchar(20)" 0 \
    "skipped (exists)"

check add_check_absent "$T" "ALTER TABLE t ADD CONSTRAINT t_a_len CHECK (length(a) > 0)" \
    0 "applied" "SELECT instr($tsql, 'CONSTRAINT \"t_a_len\" CHECK (length(a) > 0)') > 0" 1
check add_check_equal "CREATE TABLE t (id integer PRIMARY KEY, a text, CONSTRAINT t_a_len CHECK (length( a )>0));" \
    "ALTER TABLE t ADD CONSTRAINT t_a_len CHECK (length(a) > 0)" 0 "skipped (exists)"
check add_check_other "CREATE TABLE t (id integer PRIMARY KEY, a text, CONSTRAINT t_a_len CHECK (length(a) > 1));" \
    "ALTER TABLE t ADD CONSTRAINT t_a_len CHECK (length(a) > 0)" 3 \
    "constraint t_a_len on t differs: migration has CHECK (length(a) > 0), database has CHECK (length(a) > 1)"
check add_unique_absent "$T" "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a)" 0 "applied" \
    "SELECT count(*) FROM pragma_index_list('t') WHERE \"unique\" = 1 AND origin = 'u'" 1
check add_fk_absent "CREATE TABLE p (id integer PRIMARY KEY); $T" \
    "ALTER TABLE t ADD CONSTRAINT t_a_fkey FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE" \
    0 "applied" "SELECT \"table\" || ':' || on_delete FROM pragma_foreign_key_list('t')" "p:CASCADE"
check add_pk_absent "CREATE TABLE t (id integer NOT NULL, a text);" \
    "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id)" 0 "applied" \
    "SELECT pk FROM pragma_table_info('t') WHERE name = 'id'" 1
check drop_constraint_absent "$T" "ALTER TABLE t DROP CONSTRAINT t_a_len" 0 "skipped (absent)"
check drop_constraint_present "CREATE TABLE t (id integer PRIMARY KEY, a text, CONSTRAINT t_a_len CHECK (length(a) > 0));" \
    "ALTER TABLE t DROP CONSTRAINT t_a_len" 0 "applied" \
    "SELECT instr($tsql, 't_a_len')" 0
check drop_constraint_unnamed "CREATE TABLE t (id integer PRIMARY KEY, a text CHECK (a <> ''));" \
    "ALTER TABLE t DROP CONSTRAINT t_a_check" 0 "applied" "SELECT instr($tsql, 'CHECK')" 0

check create_index_absent "$T" "CREATE INDEX t_a ON t (a DESC) WHERE a IS NOT NULL" 0 \
    "applied" "SELECT sql FROM sqlite_schema WHERE name = 't_a'" \
    'CREATE INDEX "t_a" ON "t" ("a" DESC) WHERE a IS NOT NULL'
check create_index_equal "$T CREATE INDEX t_a ON t (a DESC) WHERE a IS NOT NULL;" \
    "CREATE INDEX t_a ON t (a DESC) WHERE a IS NOT NULL" 0 "skipped (exists)"
check create_index_other "$T CREATE INDEX t_a ON t (id);" \
    "CREATE INDEX t_a ON t (a DESC) WHERE a IS NOT NULL" 3 \
    "index t_a on t differs: migration has (a DESC) WHERE a IS NOT NULL, database has (id)"
check create_index_ine_other "$T CREATE INDEX t_a ON t (id);" \
    "CREATE INDEX IF NOT EXISTS t_a ON t (a DESC) WHERE a IS NOT NULL" 0 \
    "skipped (exists, differs: migration has (a DESC) WHERE a IS NOT NULL, database has (id))" \
    "SELECT sql FROM sqlite_schema WHERE name = 't_a'" "CREATE INDEX t_a ON t (id)"
check create_index_expr "$T" "CREATE UNIQUE INDEX t_lower_a ON t (lower(a))" 0 "applied" \
    "SELECT count(*) FROM pragma_index_xinfo('t_lower_a') WHERE cid = -2" 1
check drop_index_absent "$T" "DROP INDEX t_a" 0 "skipped (absent)"
check drop_index_present "$T CREATE INDEX t_a ON t (a);" "DROP INDEX t_a" 0 "applied" \
    "$(has t_a)" 0

# --adopt accepts the live definition instead of failing.
n=$((n + 1))
new_db "adopt"
db_sql "CREATE TABLE t (id integer PRIMARY KEY, a text); CREATE INDEX t_a ON t (id);"
mkdir -p "$WORK/adopt"
printf -- '-- revision: r1\n-- +up\nCREATE INDEX t_a ON t (a);\n' >"$WORK/adopt/1.sql"
SCENARIO="ensure/adopt"
st --url "$URL" --migrations "$WORK/adopt" --adopt upgrade
expect_rc 0
expect_out "adopted"
expect_eq "$(db_sql "SELECT sql FROM sqlite_schema WHERE name = 't_a'")" \
    "CREATE INDEX t_a ON t (id)" "the adopted index is untouched"
expect_eq "$(db_sql "SELECT detail LIKE '%adopted%differs%' FROM strata_history WHERE outcome = 'applied'")" \
    1 "the adoption is in the history"
[ "$n" -ge 40 ] || fail "only $n cases"
