# my_allow_locking.sh - an operation MariaDB cannot run with LOCK=NONE
# fails with a message naming it and allow_locking (exit 3, nothing
# changed); with allow_locking it runs the locking form and warns.
# dialects: mysql
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE items (id serial PRIMARY KEY, qty integer NOT NULL);
SQL
st --url "$URL" upgrade
expect_rc 0
db_sql "INSERT INTO items (qty) VALUES (1), (2)"
# Changing a column's type rebuilds the table: INPLACE/LOCK=NONE refused.
write_migration 2.sql <<'SQL'
-- revision: r2
-- revises: r1
-- +up
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
SQL
before=$(db_schema)
st --url "$URL" upgrade
expect_rc 3
expect_err "migrations/2.sql:4: "
expect_err "allow_locking"
expect_eq "$(db_schema)" "$before" "schema after the refusal"
st --url "$URL" --allow-locking upgrade
expect_rc 0
expect_err "warning: "
expect_err "locking form"
expect_eq "$(db_sql "SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'items' AND column_name = 'qty'")" \
    bigint "type after"
expect_eq "$(db_count items)" 2 "rows kept"
# ADD CHECK on an existing table copies it under a shared lock: refused
# up front unless allowed, here by the migration's own header.
write_migration 3.sql <<'SQL'
-- revision: r3
-- revises: r2
-- +up
ALTER TABLE items ADD CONSTRAINT items_qty_check CHECK (qty > 0);
SQL
st --url "$URL" upgrade
expect_rc 3
expect_err "copies the table under a shared lock"
sed -i '1a -- allow_locking: true' "$WORK/migrations/3.sql"
st --url "$URL" upgrade
expect_rc 0
