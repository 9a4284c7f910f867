#!/bin/sh
# deps.sh - install the Debian packages strata's build and tests need
# (as root), or print the exact apt-get line to run (otherwise).
set -eu

# Build: compiler, pkg-config, the core's libraries, each driver's client.
# Tests: cmocka, the sqlite3 CLI (dumps), python3 (bench only).
PACKAGES="gcc g++ make pkg-config libc6-dev binutils libiniparser-dev \
libssl-dev libcmocka-dev libsqlite3-dev sqlite3 python3 util-linux"

case "${1:-}" in
--list) echo $PACKAGES; exit 0 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: not a Debian system; install the equivalents of:" >&2
    echo "  $PACKAGES" >&2
    exit 0
fi

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "deps.sh: missing packages; run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
