# reliability.sh - the short form of `make reliability`
# (docs/RELIABILITY.md §6): strata SIGKILLed at random moments of
# `upgrade head` and `downgrade base`, 5 trials each, every one
# converging on the next run; then 16 runners at once.
TRIALS=${RELIABILITY_CHECK_TRIALS:-5}
# shellcheck source=tests/reliability/crash.sh
. "$ROOT/tests/reliability/crash.sh"
# shellcheck source=tests/reliability/concurrency.sh
. "$ROOT/tests/reliability/concurrency.sh"
