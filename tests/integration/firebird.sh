# firebird.sh - the Firebird driver on a throwaway Firebird 3 server: the
# examples' portable chains up, down and up again; DDL then DML in one
# migration (DDL commits at once); PSQL bodies split whole and isql's
# SET TERM refused; names over 31 bytes refused before connecting; a
# failed migration recorded and re-run.
# dialects: firebird
tables() { # the user tables, sorted, one line
    db_sql "SELECT TRIM(rdb\$relation_name) FROM rdb\$relations
        WHERE COALESCE(rdb\$system_flag, 0) = 0 AND rdb\$relation_name
        NOT IN ('STRATA_HISTORY', 'STRATA_VERSION', 'STRATA_LOCK')
        ORDER BY 1" | tr '\n' ' '
}

for ex in scheduler projects tracker; do
    SCENARIO="firebird/$ex"
    new_db "$ex"
    st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" \
        --allow-locking upgrade heads
    expect_rc 0
    [ -n "$(tables)" ] || fail "upgrade made no table"
    st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" status
    expect_rc 0
    expect_out "up to date"
    st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" downgrade base
    expect_rc 0
    expect_eq "$(tables)" "" "tables after downgrade base"
    st --url "$URL" --migrations "$ROOT/examples/$ex/migrations" \
        --allow-locking upgrade heads
    expect_rc 0
done
SCENARIO=firebird

# tracker's constraints and indexes read back in strata's case.
st --url "$URL" --json inspect issue_labels labels
expect_rc 0
expect_out '"name":"labels_name_key"'
expect_out '"kind":"unique"'
expect_out '"on_delete":"CASCADE"'
expect_out '"pk":2'

# signals indexes (state, created_at DESC): one direction per index in
# Firebird, so the chain is refused before connecting.
new_db signals
st --url "$URL" --migrations "$ROOT/examples/signals/migrations" upgrade
expect_rc 2
expect_err "one direction"

new_db raw
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE counters (id integer PRIMARY KEY, n integer DEFAULT 0);
INSERT INTO counters (id, n) VALUES (1, 41);
-- +up firebird
CREATE PROCEDURE bump (k INTEGER) AS
    DECLARE VARIABLE m INTEGER;
BEGIN
    m = 1; /* a body holding ';' */
    UPDATE counters SET n = n + :m WHERE id = :k;
    IF (k < 0) THEN BEGIN m = 0; END
END;
EXECUTE PROCEDURE bump(1);
-- +down firebird
DROP PROCEDURE bump;
DROP TABLE counters;
SQL
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT n FROM counters")" 42 "counter after the procedure"
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(db_has_table counters)" 0 "counters after downgrade"

write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up firebird
SET TERM ^ ;
SQL
st --url "$URL" upgrade
expect_rc 2
expect_err "command of isql"
rm "$WORK/migrations/2.sql"

# 31 bytes is the limit: a 32-byte name is refused, with file:line.
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE abcdefghij_abcdefghij_abcdefghij (id integer);
SQL
st --url "$URL" upgrade
expect_rc 2
expect_err "2.sql:4"
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE abcdefghij_abcdefghij_abcdefghi (id integer);
CREATE INDEX abcdefghij_abcdefghij_abcdefghi_x ON abcdefghij_abcdefghij_abcdefghi (id);
SQL
st --url "$URL" upgrade
expect_rc 2

# A failing migration is recorded; fixed, it runs.
write_failing_migration
rm "$WORK/migrations/2.sql"
write_migration 2_b.sql <<'SQL'
-- revision: 2_b
-- revises: r1
-- +up
CREATE TABLE c (id integer PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
SQL
st --url "$URL" upgrade
expect_rc 1
expect_err "Table unknown; NO_SUCH_TABLE"
expect_eq "$(version_rows)" "r1 " "versions after the failure"
sed -i 's/no_such_table VALUES/c (id) VALUES/' "$WORK/migrations/2_b.sql"
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT count(*) FROM c")" 1 "rows of c"
