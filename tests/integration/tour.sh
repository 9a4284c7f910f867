# tour.sh - the README's five-minute tour, command for command.
# dialects: sqlite
st init shop
expect_rc 0
[ -f shop/strata.ini ] && [ -f shop/migrations/0001_initial.sql ] ||
    fail "init did not write its files"
st init shop
expect_rc 2
expect_err "already exists"
cat >shop/migrations/0002_customers.sql <<'SQL'
-- revision: 0002_customers
-- revises: 0001_initial
-- message: customers table

-- +up
CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX customers_email ON customers (email);

-- +down
DROP TABLE customers;
SQL
cd shop || fail "cd shop"
st upgrade
expect_rc 0
expect_out "0002_customers  applied"
st current
expect_out "0002_customers (head)"
expect_out "database: sqlite:///strata.db (from strata.ini [dev] url)"
st history
expect_out "0002_customers  customers table"
expect_no_out "applied_by"
st history -v
expect_out "applied_by:"
expect_out "checksum:     v1:"
st downgrade -1
expect_rc 0
st current
expect_out "0001_initial"
DBFILE=$WORK/shop/strata.db
expect_eq "$(db_count sqlite_schema "name='customers'")" 0 "customers after downgrade"
