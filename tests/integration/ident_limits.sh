# ident_limits.sh - identifier limits are the driver's (docs/design.md
# §3.6): SQLite keeps a name of any length; PostgreSQL cuts one past 63
# bytes as the server does (never inside a UTF-8 character), looks the cut
# name up in the catalog, derives downgrades with it and warns naming
# file:line, building what psql builds from the same statements;
# MySQL/MariaDB refuse a name past 64 characters before connecting.
# dialects: sqlite postgres mysql
long=identity_verification_codes_selfservice_verification_flows_id_fk # 64
cut=identity_verification_codes_selfservice_verification_flows_id_f  # 63
# 3 + 59 bytes, then a two-byte letter straddling byte 63: cut before it
# (64 characters: MySQL keeps it)
mb="ix_$(printf 'x%.0s' $(seq 59))éz"
mbcut="ix_$(printf 'x%.0s' $(seq 59))"
new_db
write_migration 1.sql <<SQL
-- revision: r1
-- +up
CREATE TABLE flows (id integer PRIMARY KEY);
CREATE TABLE codes (id integer PRIMARY KEY, flow_id integer,
    CONSTRAINT $long FOREIGN KEY (flow_id) REFERENCES flows (id));
CREATE INDEX "$mb" ON codes (flow_id);
SQL
write_migration 2.sql <<SQL
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE codes DROP CONSTRAINT $long;
DROP INDEX "$mb";
SQL
# The names the catalog holds, one line.
names() {
    case "$DIALECT" in
    sqlite) db_sql "SELECT group_concat(x, ' ') FROM (SELECT '$long' AS x FROM sqlite_schema WHERE name = 'codes' AND instr(sql, '\"$long\"') > 0 UNION ALL SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'codes' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1)" ;;
    postgres) db_sql "SELECT string_agg(x, ' ' ORDER BY x) FROM (SELECT conname AS x FROM pg_constraint WHERE conrelid = 'codes'::regclass AND contype = 'f' UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'codes' AND indexname <> 'codes_pkey') s" ;;
    mysql) db_sql "SELECT ifnull(group_concat(x ORDER BY x SEPARATOR ' '), '') FROM (SELECT constraint_name AS x FROM information_schema.table_constraints WHERE table_schema = DATABASE() AND table_name = 'codes' AND constraint_type = 'FOREIGN KEY' UNION SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'codes' AND index_name <> 'PRIMARY') s" ;;
    esac
}

case "$DIALECT" in
sqlite | mysql)
    # Kept as written: no limit (SQLite), within 64 characters (MySQL).
    st --url "$URL" upgrade r1
    expect_rc 0 "names as written"
    expect_no_out "truncat"
    expect_eq "$(names)" "$long $mb" "names after r1"
    st --url "$URL" upgrade
    expect_rc 0
    expect_eq "$(names)" "" "names after r2"
    st --url "$URL" downgrade r1
    expect_rc 0 "derived downgrade"
    expect_eq "$(names)" "$long $mb" "names back after the downgrade"
    ;;
postgres)
    st --url "$URL" upgrade r1
    expect_rc 0 "names cut to 63 bytes"
    expect_err "migrations/1.sql:4: "
    expect_err "\"$cut\""
    expect_err "migrations/1.sql:6: "
    expect_eq "$(names)" "$cut $mbcut" "names after r1"
    # What psql builds from the same statements.
    sed -n '/^-- +up/,$p' "$WORK/migrations/1.sql" >"$WORK/1.psql"
    psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_base)/$DBNAME" \
        -c "CREATE SCHEMA viapsql; SET search_path = viapsql" \
        -f "$WORK/1.psql" >/dev/null 2>&1 || fail "psql refused the file"
    expect_eq "$(db_sql "SELECT string_agg(x, ' ' ORDER BY x) FROM (SELECT conname AS x FROM pg_constraint WHERE conrelid = 'viapsql.codes'::regclass AND contype = 'f' UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = 'viapsql' AND tablename = 'codes' AND indexname <> 'codes_pkey') s")" \
        "$cut $mbcut" "names psql gave"
    # The drops find them under the cut names (not "skipped (absent)").
    st --url "$URL" --json upgrade
    expect_rc 0
    expect_eq "$(ops_outcomes)" \
        "['applied', 'applied']" "outcomes of the drops"
    expect_eq "$(names)" "" "names after r2"
    st --url "$URL" downgrade r1
    expect_rc 0 "derived downgrade"
    expect_eq "$(names)" "$cut $mbcut" "names back after the downgrade"
    ;;
esac

# Past 64 characters: MySQL refuses before connecting, naming file:line
# and the limit; the others go on.
new_db over
over="${long}_and_more"
write_migration over/1.sql <<SQL
-- revision: o1
-- +up
CREATE TABLE t (id integer PRIMARY KEY);
ALTER TABLE t ADD COLUMN $over integer;
SQL
st --url "$URL" --migrations "$WORK/migrations/over" upgrade
case "$DIALECT" in
mysql)
    expect_rc 2 "a name past 64 characters"
    expect_err "over/1.sql:4: "
    expect_err "$over"
    expect_err "64 characters"
    expect_eq "$(db_has_table strata_history)" 0 "nothing written"
    expect_eq "$(db_has_table t)" 0 "nothing built"
    ;;
*) expect_rc 0 "a name past 64 characters" ;;
esac

# lint warns where one of the chain's dialects cuts or refuses a name.
if [ "$DIALECT" = sqlite ]; then
    mkdir -p "$WORK/lint"
    cp -r "$WORK/migrations/over" "$WORK/lint/migrations"
    printf '[strata]\nmigrations = migrations\ndialects = sqlite, postgres, mysql\n' \
        >"$WORK/lint/strata.ini"
    cd "$WORK/lint" || fail "cd"
    st --url "sqlite:///$WORK/lint/none.db" lint
    cd "$WORK" || fail "cd"
    expect_rc 0 "lint: warnings only"
    expect_out "migrations/1.sql:4: warning [identifier-too-long] "
    expect_out "postgres"
    expect_out "mysql"
    expect_no_out "(sqlite)"
fi
