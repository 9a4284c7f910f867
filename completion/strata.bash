# strata.bash - bash completion for strata: verbs, options, revision ids
# and their prefixes, BRANCH@head, environments of strata.ini, dialects.
# The candidates come from 'strata __complete WORD...', the program's own
# tables, so this script never needs to change with them.  Installed as
# $(PREFIX)/share/bash-completion/completions/strata.

_strata() {
    local IFS=$'\n'
    # The words up to the one being completed (which may be empty).
    COMPREPLY=($(command "${COMP_WORDS[0]}" __complete \
        "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}

# -o default: with nothing offered (init DIR, -c FILE), file names.
complete -o default -F _strata strata
