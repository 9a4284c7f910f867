# manpage.sh - the manual page (docs/strata.1.scd, built by `make man`)
# renders with man -l without a warning, has a section for every verb of
# 'strata --help' whose heading names the options of the verb's usage
# line, and describes every global option.
# dialects: sqlite
case "$BUILD" in /*) PAGE=$BUILD/strata.1 ;; *) PAGE=$ROOT/$BUILD/strata.1 ;; esac
[ -f "$PAGE" ] || fail "$PAGE is missing: run 'make man'"
[ "$PAGE" -nt "$ROOT/docs/strata.1.scd" ] || fail "$PAGE is older than docs/strata.1.scd: run 'make man'"
TEXT=$(MANWIDTH=80 man -l "$PAGE" 2>"$WORK/man.err") || fail "man -l $PAGE failed"
[ ! -s "$WORK/man.err" ] || fail "man -l $PAGE warns: $(cat "$WORK/man.err")"
section() { # the rendered lines of section $1
    printf '%s\n' "$TEXT" | sed -n "/^$1\$/,/^[A-Z][A-Z ]*\$/p"
}
VERBS_TEXT=$(section VERBS)
GLOBAL_TEXT=$(section 'GLOBAL OPTIONS')
[ -n "$VERBS_TEXT" ] && [ -n "$GLOBAL_TEXT" ] || fail "no VERBS or GLOBAL OPTIONS section"

st --help
HELP=$OUT
VERBS=$(printf '%s\n' "$HELP" | sed -n '/^Verbs:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p')
[ -n "$VERBS" ] || fail "no verbs found in strata --help"
for verb in $VERBS version help; do
    heading=$(printf '%s\n' "$VERBS_TEXT" | grep -E "^   (.*, )?$verb( |,|\$)" | head -n 1)
    [ -n "$heading" ] || fail "the manual page has no section for '$verb'"
    case "$verb" in version | help) continue ;; esac
    st "$verb" --help
    usage=$(printf '%s\n' "$OUT" | sed -n '/^usage: /,/^$/p' | tr '\n' ' ' | sed 's/^usage: strata \[OPTIONS\] //')
    for opt in $(printf '%s\n' "$usage" | grep -oE '(^|[ [])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ['); do
        case "$heading" in *"$opt"*) ;; *) fail "the manual's '$verb' section lacks $opt: $heading" ;; esac
    done
done
for opt in $(printf '%s\n' "$HELP" | grep -E '^ +-' | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z-]*' | tr -d ' ,' | sort -u); do
    printf '%s\n' "$GLOBAL_TEXT" | grep -qE -- "^       (.*, )?$opt( |,|\$)" ||
        fail "the manual page does not describe $opt under GLOBAL OPTIONS"
done
