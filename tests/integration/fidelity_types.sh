# fidelity_types.sh - a dialect section builds what the engine's own
# client builds from the same text (docs/design.md §3.2): every declared
# type as written (SQLite keeps UUID, VARCHAR(7), JSON, TIMESTAMP,
# BOOLEAN, numeric(10,2); PostgreSQL's json stays json; MySQL's TEXT
# stays text), no table option added, the engine's own constraint names.
# A raw and a portable table of one MySQL section take the same defaults,
# so the foreign key between them holds (it failed with errno 150 when a
# character set was added to the portable one).  The section runs through
# `strata upgrade`, through the client, and as the `upgrade --sql`
# script through the client; the three schemas must be equal.  Then a
# generic section: the names of docs/dialects.md §9, no table options.

# A file the client runs whole: strata's directives are comments to it.
case "$DIALECT" in
sqlite)
    write_migration 1.sql <<'SQL'
-- revision: r1
-- +up sqlite
CREATE TABLE jobs (
    id UUID NOT NULL PRIMARY KEY,  -- the job's key
    status VARCHAR(7),
    error JSON,
    created_at TIMESTAMP,
    approved BOOLEAN,
    price numeric(10,2)
);
CREATE TABLE runs (id integer PRIMARY KEY, job UUID REFERENCES jobs (id),
    UNIQUE (job), CHECK (id > 0));
ALTER TABLE jobs ADD COLUMN finished_at DateTime;
create index jobs_status on jobs (status);
SQL
    ;;
postgres)
    write_migration 1.sql <<'SQL'
-- revision: r1
-- +up postgres
CREATE DOMAIN blob AS bytea;
CREATE TABLE docs (
    id serial PRIMARY KEY,
    j JSON,
    b jsonb NOT NULL DEFAULT '{}',
    n NUMERIC(10,2) CHECK (n > 0),
    code VARCHAR(7) UNIQUE
);
ALTER TABLE docs ADD COLUMN at TIMESTAMP WITH TIME ZONE DEFAULT now();
ALTER TABLE docs ADD COLUMN raw blob; -- the domain: not mapped to bytea
ALTER TABLE docs ALTER COLUMN code TYPE varchar(9);
CREATE INDEX docs_code ON docs (code);
SQL
    ;;
mysql)
    write_migration 1.sql <<'SQL'
-- revision: r1
-- +up mysql
CREATE TABLE users (
    `id` varchar(36) NOT NULL,
    name varchar(40),
    PRIMARY KEY (`id`)
);
CREATE TABLE sessions (
    id varchar(36) NOT NULL PRIMARY KEY,
    user_id varchar(36) NOT NULL,
    name TEXT NOT NULL,
    at timestamp NULL,
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
ALTER TABLE sessions ADD COLUMN note TEXT;
ALTER TABLE sessions ADD COLUMN code int UNIQUE;
SQL
    ;;
esac

new_db client
db_file "$WORK/migrations/1.sql" || fail "the client refuses the section"
want=$(db_schema)

new_db strata
st --url "$URL" upgrade
expect_rc 0 "strata upgrade"
expect_eq "$(db_schema)" "$want" "schema built by strata vs the client"

new_db script
st --url "$URL" upgrade --sql
expect_rc 0 "upgrade --sql"
printf '%s\n' "$OUT" >"$WORK/script.sql"
db_file "$WORK/script.sql" || fail "the client refuses the script"
expect_eq "$(db_schema)" "$want" "schema built by the --sql script"

case "$DIALECT" in
sqlite)
    expect_eq "$(db_sql "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\", ', ')
        FROM pragma_table_info('jobs')")" \
        "id UUID 1, status VARCHAR(7) 0, error JSON 0, created_at TIMESTAMP 0, approved BOOLEAN 0, price numeric(10,2) 0, finished_at DateTime 0" \
        "declared types" ;;
postgres)
    expect_eq "$(db_sql "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = 'docs'::regclass AND attnum > 0")" \
        "id integer, j json, b jsonb, n numeric(10,2), code character varying(9), at timestamp with time zone, raw blob" \
        "declared types" ;;
mysql)
    expect_eq "$(db_sql "SELECT column_type FROM information_schema.columns
        WHERE table_schema = DATABASE() AND table_name = 'sessions' AND column_name = 'name'")" \
        text "TEXT in a mysql section"
    expect_eq "$(db_sql "SELECT count(DISTINCT table_collation) FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_name IN ('users', 'sessions')")" \
        1 "raw and portable tables take one default" ;;
esac

# A generic section: names the engine lacks are mapped, the rest stay;
# no table option, so the table takes the database's defaults.
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
CREATE TABLE g (
    id serial PRIMARY KEY,
    t text,
    v varchar(7),
    b boolean,
    d date,
    ts timestamp,
    tz timestamptz,
    j json,
    jb jsonb,
    u uuid,
    n numeric(10,2),
    k bigint
);
SQL
new_db generic
st --url "$URL" upgrade
expect_rc 0 "generic section"
case "$DIALECT" in
sqlite)
    expect_eq "$(db_sql "SELECT group_concat(type || ' ' || \"notnull\", ', ') FROM pragma_table_info('g')")" \
        "INTEGER 0, TEXT 0, VARCHAR(7) 0, BOOLEAN 0, DATE 0, TIMESTAMP 0, DATETIME 0, TEXT 0, TEXT 0, TEXT 0, NUMERIC(10,2) 0, BIGINT 0" \
        "generic types on SQLite" ;;
postgres)
    expect_eq "$(db_sql "SELECT string_agg(format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = 'g'::regclass AND attnum > 0")" \
        "integer, text, character varying(7), boolean, date, timestamp without time zone, timestamp with time zone, json, jsonb, uuid, numeric(10,2), bigint" \
        "generic types on PostgreSQL"
    expect_eq "$(db_sql "SELECT pg_get_serial_sequence('g', 'id')")" \
        "public.g_id_seq" "serial stays serial" ;;
mysql)
    expect_eq "$(db_sql "SELECT group_concat(column_type ORDER BY ordinal_position SEPARATOR ', ')
        FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'g'")" \
        "int(11), longtext, varchar(7), tinyint(1), date, datetime(6), datetime(6), longtext, longtext, char(36), decimal(10,2), bigint(20)" \
        "generic types on MySQL"
    expect_eq "$(db_sql "SELECT t.table_collation = s.default_collation_name
        FROM information_schema.tables t JOIN information_schema.schemata s
        ON s.schema_name = t.table_schema
        WHERE t.table_schema = DATABASE() AND t.table_name = 'g'")" \
        1 "the database's default collation" ;;
esac

# The engine names what a mysql section leaves unnamed (MariaDB names a
# column's CHECK after the column), and strata reads the table back
# rather than assume its own names: the generic constraint of the same
# migration is added, not taken for the engine's.
if [ "$DIALECT" = mysql ]; then
    write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up mysql
CREATE TABLE c (a int CHECK (a > 0));
-- +up
ALTER TABLE c ADD CONSTRAINT c_a_check CHECK (a > 0);
SQL
    st --url "$URL" --allow-locking upgrade
    expect_rc 0 "engine-named constraints"
    expect_eq "$(db_sql "SELECT group_concat(constraint_name ORDER BY constraint_name)
        FROM information_schema.check_constraints
        WHERE constraint_schema = DATABASE() AND table_name = 'c'")" \
        "a,c_a_check" "the CHECK the engine named, and strata's"
fi
