# cli.sh - help for every verb, usage errors with exit 2, --version, and
# "did you mean" with the valid choices for a mistyped verb, option,
# target, environment or URL scheme (issue 15).
# dialects: sqlite
wide() { # lines of $OUT wider than 80 columns
    printf '%s\n' "$OUT" | awk 'length($0) > 80'
}
st --help
expect_rc 0
expect_out "Verbs:"
expect_out "  -V, --version"
expect_out "  --no-color"
[ -z "$(wide)" ] || fail "strata --help: lines wider than 80 columns:
$(wide)"
verbs=$(printf '%s\n' "$OUT" | sed -n '/^Verbs:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "$(printf '%s\n' "$verbs" | wc -l)" -ge 17 ] || fail "verbs listed: $verbs"
for v in $verbs; do
    st "$v" --help
    expect_rc 0 "$v --help"
    expect_out "usage: strata [OPTIONS] $v"
    # The global options once, in 'strata --help', not in every verb's.
    expect_out "'strata --help'"
    expect_no_out "Global options (before or after the verb)"
    [ "$(printf '%s\n' "$OUT" | wc -l)" -le 30 ] ||
        fail "$v --help: $(printf '%s\n' "$OUT" | wc -l) lines"
    [ -z "$(wide)" ] || fail "$v --help: lines wider than 80 columns:
$(wide)"
done
st stamp --help
expect_out "usage: strata [OPTIONS] stamp [--accept-checksum] REV"
expect_out "--accept-checksum REV records a deliberate edit"
st
expect_rc 2
for flag in --version -V; do
    st $flag
    expect_rc 0 "$flag"
    expect_out "strata 0."
    expect_out "driver ABI 1."
done
st version
expect_rc 0
expect_out "driver ABI 1."

# A mistyped verb: the closest one and every verb.
st upgrdae
expect_rc 2
expect_err "unknown verb 'upgrdae'; did you mean 'upgrade'?"
expect_err "(verbs: init, upgrade, downgrade,"
st frobnicate
expect_rc 2
expect_err "unknown verb 'frobnicate' (verbs: init, upgrade,"
expect_no_out "did you mean"
st help upgrdae
expect_rc 2
expect_err "did you mean 'upgrade'?"
# ... an option
st upgrade --jsn
expect_rc 2
expect_err "unknown option '--jsn'; did you mean '--json'?"
expect_err "--lock-wait"
st upgrade --frob
expect_rc 2
expect_err "unknown option '--frob'"
st downgrade
expect_rc 2
expect_err "usage: strata downgrade TARGET"
st --url
expect_rc 2
expect_err "option --url needs a value"
st --lock-wait soon upgrade
expect_rc 2
expect_err "--lock-wait"

# ... a target, a URL scheme (an environment: url_source.sh).
mkdir migrations
write_migration 0001_users.sql <<'SQL'
-- revision: 0001_users
-- +up
CREATE TABLE users (id integer PRIMARY KEY);
-- +down
DROP TABLE users;
SQL
st --url "sqlite:///$WORK/t.db" upgrade 0001_usres
expect_rc 2
expect_err "unknown target '0001_usres'"
expect_err "did you mean '0001_users'?"
expect_err "(targets: head, heads, base, BRANCH@head, +N, -N, REV+N, REV-N, or a revision: 0001_users)"
st --url "sqlite:///$WORK/t.db" upgrade haed
expect_err "did you mean 'head'?"
st --url "sqlit:///$WORK/t.db" current
expect_rc 2
expect_err "unknown URL scheme 'sqlit': no driver serves it; did you mean 'sqlite'? (schemes: "
expect_err "sqlite"
[ -e "$WORK/t.db" ] && fail "a refused command created the database"
true
