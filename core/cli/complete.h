/* complete.h - `strata __complete WORD...`: what the shell completions
 * (completion/strata.bash, completion/_strata) offer for the last word. */
#ifndef STRATA_CORE_COMPLETE_H
#define STRATA_CORE_COMPLETE_H

/* Print the candidates for words[n - 1] (none given: "") after
 * words[0..n-1), one per line, each starting with it: verbs, options,
 * revisions and targets, environments, dialects.  Nothing when there is
 * nothing to offer (the shell then completes file names).  Returns the
 * exit code: 0, as completion must never fail loudly. */
int strata__complete(int n, char **words);

#endif
