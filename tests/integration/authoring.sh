# authoring.sh - revision, merge, branches and history -r/-v: the files
# written (names, numbering, slugs, headers), every refusal leaving the
# directory as it was, and the written chain applied by upgrade.
# dialects: sqlite
new_db
mkdir -p "$WORK/migrations"
M=migrations # as configured: relative to the working directory

json_get() { # PYTHON-EXPRESSION over the document d, printed
    printf '%s' "$OUT" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" ||
        fail "not a JSON document"
}
nfiles() { find "$M" -name '*.sql' | wc -l | tr -d ' '; }
header() { # FILE KEY: the value of a header key, or nothing
    sed -n "s/^-- $2: //p" "$1"
}
# put_up FILE SQL / put_down FILE SQL: a statement under the directive.
put_up() { sed -i "/^-- +up\$/a $2" "$1"; }
# The template has no +down (template_down.sh): put_down adds one.
put_down() {
    grep -q '^-- +down$' "$1" || printf -- '-- +down\n' >>"$1"
    sed -i "/^-- +down\$/a $2" "$1"
}

# --- revision: a root, then a child ------------------------------------
st revision -m "Create users table"
expect_rc 0
expect_eq "$OUT" "$M/0001_create_users_table.sql" "first path"
F1=$OUT
[ -f "$F1" ] || fail "$F1 not written"
expect_eq "$(header "$F1" revision)" 0001_create_users_table "first id"
expect_eq "$(header "$F1" message)" "Create users table" "first message"
grep -q '^-- revises:' "$F1" && fail "a root must have no revises line"
grep -q '^-- +up$' "$F1" || fail "no +up section in $F1"
grep -q '^-- +down' "$F1" && fail "a +down section in $F1 (it would run nothing)"
put_up "$F1" "CREATE TABLE users (id integer PRIMARY KEY, name text);"
put_down "$F1" "DROP TABLE users;"

# Punctuation folds to one '_', nothing at the ends, lowercase.
st revision -m "  Add e-mail: column (users)!! "
expect_rc 0
F2=$OUT
expect_eq "$F2" "$M/0002_add_e_mail_column_users.sql" "second path"
expect_eq "$(header "$F2" revises)" 0001_create_users_table "second revises"
expect_eq "$(header "$F2" message)" "Add e-mail: column (users)!!" \
    "message kept as written (trimmed)"
put_up "$F2" "ALTER TABLE users ADD COLUMN email text;"
put_down "$F2" "ALTER TABLE users DROP COLUMN email;"
st heads
expect_out "0002_add_e_mail_column_users (head)"

# Refusals before anything is written.
st revision
expect_rc 2
expect_err "-m MSG is required"
st revision -m "   "
expect_rc 2
expect_err "message is empty"
st revision -m "$(printf 'two\nlines')"
expect_rc 2
expect_err "one line"
st revision -m x --head nosuch
expect_rc 2
expect_err "unknown target 'nosuch'"
st revision -m x --branch head
expect_rc 2
expect_err "invalid branch label 'head'"
st revision -m x --branch 'a@b'
expect_rc 2
expect_err "invalid branch label"
st merge -m x 0001 --head 0002
expect_rc 2
expect_err "option --head does not apply"
expect_eq "$(nfiles)" 2 "files after refusals"

# --- a second branch: --head picks a non-head, --branch labels it ------
st revision -m "Payments" --head 0001 --branch payments
expect_rc 0
F3=$OUT
expect_eq "$F3" "$M/0003_payments.sql" "branch path"
expect_err "'0001_create_users_table' is not a head"
expect_eq "$(header "$F3" revises)" 0001_create_users_table "branch revises"
expect_eq "$(header "$F3" branch)" payments "branch label"
put_up "$F3" "CREATE TABLE payments (id integer PRIMARY KEY, amount integer);"
put_down "$F3" "DROP TABLE payments;"

# Two heads now: revision refuses, naming both and their files.
st revision -m "ambiguous"
expect_rc 2
expect_err "2 heads"
expect_err "0002_add_e_mail_column_users ($M/0002_add_e_mail_column_users.sql)"
expect_err "0003_payments ($M/0003_payments.sql)"
expect_err "--head"
st revision -m "ambiguous" --head heads
expect_rc 2
expect_err "names 2 revisions"
expect_eq "$(nfiles)" 3 "files after the several-heads refusal"

# --head takes a label's head; the JSON document says what was written.
st --json revision -m "Payment refunds" --head payments@head
expect_rc 0
expect_eq "$(json_get 'd["command"], d["path"], d["revision"], d["parents"], d["branch"]')" \
    "revision $M/0004_payment_refunds.sql 0004_payment_refunds ['0003_payments'] None" \
    "revision document"
F4=$M/0004_payment_refunds.sql
put_up "$F4" "ALTER TABLE payments ADD COLUMN refunded integer;"
put_down "$F4" "ALTER TABLE payments DROP COLUMN refunded;"
# A label used already is refused, naming the revision and file:line.
st revision -m "again" --head 0004 --branch payments
expect_rc 2
expect_err "branch label 'payments' is already used by revision '0003_payments' ($M/0003_payments.sql:4)"

# --- branches ----------------------------------------------------------
st branches
expect_rc 0
expect_out "0001_create_users_table (branch point, 2 children)"
expect_out "  -> 0002_add_e_mail_column_users: head 0002_add_e_mail_column_users"
expect_out "  -> 0003_payments: head 0004_payment_refunds"
expect_out "  payments@head: from 0003_payments to head 0004_payment_refunds"
expect_out "2 heads: 0002_add_e_mail_column_users, 0004_payment_refunds"
st --json branches
expect_rc 0
expect_eq "$(json_get '[(p["revision"], [(c["revision"], c["heads"]) for c in p["children"]]) for p in d["branch_points"]]')" \
    "[('0001_create_users_table', [('0002_add_e_mail_column_users', ['0002_add_e_mail_column_users']), ('0003_payments', ['0004_payment_refunds'])])]" \
    "branch points document"
expect_eq "$(json_get '[(l["label"], l["revision"], l["heads"]) for l in d["labels"]]')" \
    "[('payments', '0003_payments', ['0004_payment_refunds'])]" \
    "labels document"

# --- merge refusals ----------------------------------------------------
st merge -m "join" 0002 nosuch
expect_rc 2
expect_err "unknown target 'nosuch'"
st merge -m "join" 0002
expect_rc 2
expect_err "at least two distinct revisions"
st merge -m "join" 0002 0002_add_e_mail_column_users
expect_rc 2
expect_err "at least two distinct revisions"
st merge -m "join" 0001 0002
expect_rc 2
expect_err "'0001_create_users_table' ($M/0001_create_users_table.sql) is an ancestor of '0002_add_e_mail_column_users'"
st merge -m "join" 0004 0003
expect_rc 2
expect_err "'0003_payments' ($M/0003_payments.sql) is an ancestor of '0004_payment_refunds'"
st merge -m "join" base 0002
expect_rc 2
expect_err "'base' is not a revision"
st merge 0002 0004
expect_rc 2
expect_err "-m MSG is required"
st merge -m "join" 000 0004
expect_rc 2
expect_err "ambiguous revision prefix '000'"
expect_eq "$(nfiles)" 4 "files after merge refusals"

# --- merge of two heads by prefix and BRANCH@head ----------------------
st merge -m "Join payments" 0002 payments@head
expect_rc 0
F5=$OUT
expect_eq "$F5" "$M/0005_join_payments.sql" "merge path"
expect_eq "$(header "$F5" revision)" 0005_join_payments "merge id"
expect_eq "$(header "$F5" revises)" \
    "0002_add_e_mail_column_users, 0004_payment_refunds" "merge revises"
expect_eq "$(header "$F5" message)" "Join payments" "merge message"
grep -q '^-- +' "$F5" && fail "a merge has no body: $(cat "$F5")"
st heads
expect_rc 0
expect_eq "$OUT" "0005_join_payments (head) [payments]  Join payments" \
    "one head after the merge"
st merge -m "again" heads
expect_rc 2
expect_err "the chain has one head: nothing to merge"
# After the merge, the fork still shows, both sides leading to it.
st branches
expect_out "  -> 0003_payments: head 0005_join_payments"
expect_out "  -> 0002_add_e_mail_column_users: head 0005_join_payments"
expect_no_out "heads:"

# A plain revision follows the merge; then a fork and "merge heads".
st revision -m "Audit log"
expect_rc 0
F6=$OUT
expect_eq "$(header "$F6" revises)" 0005_join_payments "after the merge"
put_up "$F6" "CREATE TABLE audit (id integer PRIMARY KEY);"
put_down "$F6" "DROP TABLE audit;"
st revision -m "Side fix" --head 0005
expect_rc 0
F7=$OUT
expect_eq "$F7" "$M/0007_side_fix.sql" "fork path"
st --json merge -m "Join heads" heads
expect_rc 0
expect_eq "$(json_get 'd["command"], d["revision"], d["parents"]')" \
    "merge 0008_join_heads ['0006_audit_log', '0007_side_fix']" \
    "merge document"
expect_eq "$(header "$M/0008_join_heads.sql" revises)" \
    "0006_audit_log, 0007_side_fix" "merge heads revises"

# A long message: the slug keeps 40 characters and no trailing '_'.
st revision -m "Backfill the refunded column for every payment made before launch"
expect_rc 0
expect_eq "$OUT" "$M/0009_backfill_the_refunded_column_for_every_p.sql" \
    "slug at 40 characters"
st revision -m "!!!"
expect_rc 0
expect_eq "$OUT" "$M/0010_migration.sql" "a message without letters"
# The name is taken by something the chain does not read (a dangling
# link): O_EXCL refuses, nothing is overwritten or followed.
ln -s nowhere "$M/0011_clash.sql"
st revision -m "clash"
expect_rc 2
expect_err "cannot create $M/0011_clash.sql: it already exists"
[ -L "$M/0011_clash.sql" ] || fail "the link was replaced"
rm -f "$M/0011_clash.sql"

# --- the written chain runs --------------------------------------------
st --url "$URL" history
expect_rc 0
expect_out "no history in"
st --url "$URL" history -r 0001:
expect_rc 0
expect_out "no history in"
st --url "$URL" upgrade
expect_rc 0
expect_eq "$(db_sql "SELECT revision FROM strata_version")" 0010_migration \
    "version after upgrade"
expect_eq "$(db_has_table users)$(db_has_table payments)$(db_has_table audit)" \
    111 "tables"
expect_eq "$(db_sql "SELECT count(*) FROM pragma_table_info('payments') WHERE name = 'refunded'")" \
    1 "refunded column"
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(db_has_table users)$(db_has_table payments)$(db_has_table audit)" \
    000 "tables after downgrade"
st --url "$URL" upgrade
expect_rc 0

# --- history -r and -v -------------------------------------------------
hist_revs() { # the revisions of the JSON history document, deduplicated
    json_get '" ".join(sorted(set(h["revision"] for h in d["history"])))'
}
st --url "$URL" --json history -r 0002:0002
expect_rc 0
expect_eq "$(hist_revs)" 0002_add_e_mail_column_users "-r A:A"
st --url "$URL" --json history -r :0002
expect_rc 0
expect_eq "$(hist_revs)" \
    "0001_create_users_table 0002_add_e_mail_column_users" "-r :B"
st --url "$URL" --json history -r 0003:0005
expect_rc 0
expect_eq "$(hist_revs)" \
    "0003_payments 0004_payment_refunds 0005_join_payments" "-r A:B through a merge"
st --url "$URL" --json history -r 0007:
expect_rc 0
expect_eq "$(hist_revs)" \
    "0007_side_fix 0008_join_heads 0009_backfill_the_refunded_column_for_every_p 0010_migration" \
    "-r A:"
st --url "$URL" --json history -r base:0001
expect_rc 0
expect_eq "$(hist_revs)" 0001_create_users_table "-r base:B"
st --url "$URL" --json history -r 0006:0004
expect_rc 0
expect_eq "$(json_get 'len(d["history"])')" 0 "-r with B below A"
# -N steps down from the database's revision (0010): -1 is 0009.
st --url "$URL" --json history -r -1:
expect_rc 0
expect_eq "$(hist_revs)" \
    "0009_backfill_the_refunded_column_for_every_p 0010_migration" \
    "-r -N: counts from the database's revision"
# Every row of a revision in range (up, down and up again: three).
expect_eq "$(json_get 'len(d["history"])')" 6 "rows for -r -1:"
# Text: without -v no checksums; with -v (or --verbose) the details.
st --url "$URL" history -r 0001:0001
expect_rc 0
expect_out "0001_create_users_table"
expect_no_out "0002_add_e_mail"
expect_no_out "checksum:"
st --url "$URL" history -r 0001:0001 --verbose
expect_rc 0
expect_out "checksum:     v1:"
expect_out "applied_by:   "
expect_out "tool_version: "
expect_no_out "0002_add_e_mail"
sum=$(db_sql "SELECT checksum FROM strata_history WHERE revision = '0001_create_users_table' AND direction = 'up' LIMIT 1")
expect_out "$sum"
st --url "$URL" history -v
expect_rc 0
expect_out "0010_migration"
expect_out "checksum:     v1:"
# Malformed and unknown ranges are usage errors.
st --url "$URL" history -r 0001
expect_rc 2
expect_err "expected A:B"
st --url "$URL" history -r 0001:0002:0003
expect_rc 2
expect_err "expected A:B"
st --url "$URL" history -r nosuch:
expect_rc 2
expect_err "unknown target 'nosuch'"
st --url "$URL" history -r :000
expect_rc 2
expect_err "ambiguous revision prefix '000'"
st --url "$URL" history -r head:
expect_rc 0
expect_out "0010_migration"
expect_no_out "0009_backfill"
st --url "$URL" current -r 0001:
expect_rc 2
expect_err "option -r does not apply"

# A failed row shows its error by default, the whole detail with -v.
st revision -m "Broken"
expect_rc 0
F11=$OUT
put_up "$F11" "INSERT INTO no_such_table VALUES (1);"
st --url "$URL" upgrade
expect_rc 1
st --url "$URL" history -r 0011:
expect_rc 0
expect_out "failed"
expect_out "      error: "
expect_out "no_such_table"
expect_no_out "detail:"
st --url "$URL" history -r 0011: -v
expect_rc 0
expect_out "      detail:       {"

# --- numbering: the width of existing prefixes, and timestamps ---------
mkdir -p "$WORK/seq"
cp -r "$ROOT/examples/signals/migrations" "$WORK/seq/"
st --migrations "$WORK/seq/migrations" revision -m "Next step"
expect_rc 0
expect_eq "$OUT" "$WORK/seq/migrations/005_next_step.sql" "width 3 kept"
expect_eq "$(header "$OUT" revises)" 004_signals_state_index "revises"
mkdir -p "$WORK/ts/migrations"
printf -- '-- revision: 29990101235959_far\n-- +up\n' \
    >"$WORK/ts/migrations/29990101235959_far.sql"
st --migrations "$WORK/ts/migrations" revision -m "After"
expect_rc 0
# A clock behind the newest timestamp: one second past it (a new day).
expect_eq "$OUT" "$WORK/ts/migrations/29990102000000_after.sql" \
    "timestamp after the newest"
rm -f "$WORK"/ts/migrations/2999*
printf -- '-- revision: 20200101000000_old\n-- +up\n' \
    >"$WORK/ts/migrations/20200101000000_old.sql"
st --migrations "$WORK/ts/migrations" revision -m "Now"
expect_rc 0
now=$(date -u +%Y%m%d)
case "$OUT" in
"$WORK/ts/migrations/$now"[0-9][0-9][0-9][0-9][0-9][0-9]_now.sql) ;;
*) fail "timestamp of now: $OUT" ;;
esac
# A missing migrations directory is created (files.sh).
st --migrations "$WORK/nowhere" revision -m "x"
expect_rc 0
expect_eq "$OUT" "$WORK/nowhere/0001_x.sql" "the first file of a new directory"
