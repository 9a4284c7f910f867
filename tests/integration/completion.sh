# completion.sh - the bash and zsh completions: both scripts parse (bash
# -n, zsh -n where zsh is installed) and, run as the shells run them,
# offer verbs, options, revision ids and their prefixes, BRANCH@head,
# environments of strata.ini and dialects.  The lists they offer are
# held against 'strata --help' and each verb's usage line both ways:
# every option documented is offered, every option offered is accepted.
# dialects: sqlite
BASH_SCRIPT=$ROOT/completion/strata.bash
ZSH_SCRIPT=$ROOT/completion/_strata
bash -n "$BASH_SCRIPT" || fail "bash -n $BASH_SCRIPT"
write_first_migration
write_migration 2.sql <<'SQL'
-- revision: 0002_orders
-- revises: r1
-- branch: shop
-- +up
CREATE TABLE o (id integer);
-- +down
DROP TABLE o;
SQL
write_migration 3.sql <<'SQL'
-- revision: 0003_more
-- revises: 0002_orders
-- +up
CREATE TABLE m (id integer);
-- +down
DROP TABLE m;
SQL
cat >"$WORK/strata.ini" <<'INI'
[strata]
migrations = migrations
[dev]
url = sqlite:///dev.db
[prod]
url = ${DATABASE_URL}
[ci]
url = sqlite:///ci.db
INI
BIN=$WORK/bin
mkdir -p "$BIN" && ln -s "$STRATA" "$BIN/strata"

# bash_complete WORD...: COMPREPLY, one per line, for the command line
# 'strata WORD...' with the cursor in the last word.
bash_complete() {
    PATH=$BIN:$PATH bash -c '. "$1"; shift
COMP_WORDS=(strata "$@"); COMP_CWORD=$#
_strata; printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_SCRIPT" "$@"
}
# offers WHAT EXPECTED...: each expected word is among the candidates.
offers() {
    local what=$1 w
    shift
    for w in "$@"; do
        printf '%s\n' "$GOT" | grep -qxF -- "$w" ||
            fail "completion of '$what' lacks '$w'; got: $(printf '%s' "$GOT" | tr '\n' ' ')"
    done
}
lacks() {
    local what=$1 w
    shift
    for w in "$@"; do
        if printf '%s\n' "$GOT" | grep -qxF -- "$w"; then
            fail "completion of '$what' offers '$w'"
        fi
    done
}

# --- verbs: every verb of 'strata --help' -----------------------------
st --help
expect_rc 0
HELP=$OUT
VERBS=$(printf '%s\n' "$HELP" | sed -n '/^Verbs:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p')
[ -n "$VERBS" ] || fail "no verbs found in strata --help"
GOT=$(bash_complete "")
# shellcheck disable=SC2086
offers "strata <TAB>" $VERBS help version
lacks "strata <TAB>" __complete
GOT=$(bash_complete st)
offers "strata st<TAB>" status stamp
lacks "strata st<TAB>" upgrade

# --- options: documented both ways --------------------------------------
# Every option on a line of the global help that starts with one.
GLOBAL=$(printf '%s\n' "$HELP" | grep -E '^ +-' | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u)
[ -n "$GLOBAL" ] || fail "no options found in strata --help"
GOT=$(bash_complete -)
# shellcheck disable=SC2086
offers "strata -<TAB>" $GLOBAL
OFFERED_GLOBAL=$GOT
for opt in $OFFERED_GLOBAL; do
    st current "$opt" x --help
    expect_rc 0 "strata $opt: offered, but the parser refuses it"
done
for verb in $VERBS; do
    st "$verb" --help
    usage=$(printf '%s\n' "$OUT" | sed -n '/^usage: /,/^$/p' | tr '\n' ' ' | sed 's/^usage: strata \[OPTIONS\] //')
    [ -n "$usage" ] || fail "no usage line in strata $verb --help"
    GOT=$(bash_complete "$verb" -)
    # shellcheck disable=SC2046
    offers "strata $verb -<TAB>" $(printf '%s\n' "$usage" | grep -oE '(^|[ [])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' [')
    # ... and each of its own offered is taken by the parser (a value
    # given to those that need one); --help then prints the verb's help.
    for opt in $(printf '%s\n' "$GOT" | grep -vxF -f <(printf '%s\n' "$OFFERED_GLOBAL")); do
        st "$verb" "$opt" x --help
        expect_rc 0 "strata $verb $opt: offered, but the parser refuses it"
    done
done
GOT=$OFFERED_GLOBAL
lacks "strata -<TAB>" --sql --exit-code

# --- targets: ids, unique prefixes, BRANCH@head -----------------------
GOT=$(bash_complete upgrade "")
offers "strata upgrade <TAB>" head heads base r1 0002_orders 0002 0003_more 0003 shop@head
GOT=$(bash_complete downgrade 000)
offers "strata downgrade 000<TAB>" 0002_orders 0002 0003_more 0003
lacks "strata downgrade 000<TAB>" r1 head
GOT=$(bash_complete revision -m x --head "")
offers "strata revision --head <TAB>" 0003_more shop@head
GOT=$(bash_complete upgrade --sql --from 0002)
offers "strata upgrade --from 0002<TAB>" 0002_orders 0002
# Another folder (--migrations) is the one read.
mkdir -p "$WORK/other"
printf -- '-- revision: zz_other\n-- +up\nSELECT 1;\n' >"$WORK/other/z.sql"
GOT=$(bash_complete --migrations "$WORK/other" upgrade "")
offers "strata --migrations other upgrade <TAB>" zz_other
lacks "strata --migrations other upgrade <TAB>" 0002_orders

# --- environments and dialects -----------------------------------------
GOT=$(bash_complete -e "")
offers "strata -e <TAB>" dev prod ci
lacks "strata -e <TAB>" strata
printf '[strata]\n[staging]\n' >"$WORK/other.ini"
GOT=$(bash_complete -c "$WORK/other.ini" -e "")
offers "strata -c other.ini -e <TAB>" staging
lacks "strata -c other.ini -e <TAB>" dev
GOT=$(bash_complete lint --dialect "")
offers "strata lint --dialect <TAB>" sqlite

# --- nothing to offer: the shell completes file names (-o default) -----
GOT=$(bash_complete init "")
expect_eq "$GOT" "" "candidates for 'strata init <TAB>'"
PATH=$BIN:$PATH bash -c '. "$1"; complete -p strata' _ "$BASH_SCRIPT" | grep -q -- '-o default' ||
    fail "the bash completion does not fall back to file names"

# --- zsh -----------------------------------------------------------------
if command -v zsh >/dev/null; then
    zsh -n "$ZSH_SCRIPT" || fail "zsh -n $ZSH_SCRIPT"
    # The completion function's body run with compadd and _files stubbed:
    # what it would add for 'strata WORD...'.
    zsh_complete() {
        PATH=$BIN:$PATH zsh -f -c 'compadd() { [ "$1" = -- ] && shift; print -rl -- "$@"; }
_files() { print "<files>"; }
script=$1; shift; words=(strata "$@"); CURRENT=${#words}
source "$script"' _ "$ZSH_SCRIPT" "$@"
    }
    GOT=$(zsh_complete st)
    offers "zsh: strata st<TAB>" status stamp
    GOT=$(zsh_complete -e "")
    offers "zsh: strata -e <TAB>" dev prod ci
    GOT=$(zsh_complete upgrade 0003)
    offers "zsh: strata upgrade 0003<TAB>" 0003_more 0003
    GOT=$(zsh_complete init "")
    expect_eq "$GOT" "<files>" "zsh: strata init <TAB>"
fi
