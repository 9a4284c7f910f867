# cli.sh - help for every verb, and usage errors with exit 2.
# dialects: sqlite
for v in init upgrade downgrade current heads history show stamp drivers; do
    st "$v" --help
    expect_rc 0 "$v --help"
    expect_out "usage: strata [OPTIONS] $v"
    expect_out "Exit codes:"
done
st --help
expect_rc 0
expect_out "Verbs:"
st
expect_rc 2
st frobnicate
expect_rc 2
expect_err "unknown verb 'frobnicate'"
st upgrade --frob
expect_rc 2
expect_err "unknown option '--frob'"
st downgrade
expect_rc 2
expect_err "usage: strata downgrade TARGET"
st --url
expect_rc 2
expect_err "option --url needs a value"
st show --json x
expect_rc 2
expect_err "--json is not supported"
st --lock-wait soon upgrade
expect_rc 2
expect_err "--lock-wait"
st version
expect_rc 0
expect_out "driver ABI 1."
