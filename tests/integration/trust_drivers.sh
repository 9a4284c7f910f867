# trust_drivers.sh - which code strata agrees to load: never from a
# folder the repository's strata.ini names (its constructors would run
# before any check), never from a folder or file another user can
# write; an alias scheme loads only the drivers of trusted folders.
# dialects: sqlite
TD=$(cd "$(dirname "$STRATA")" && pwd)/tests/drivers
[ -f "$TD/evil/strata_evil.so" ] || fail "test drivers not built ($TD)"
export STRATA_TEST_EVIL_MARKER=$WORK/evil-was-loaded
gone() { [ ! -e "$STRATA_TEST_EVIL_MARKER" ] || fail "strata loaded the planted driver: $*"; }

# A repository with a planted driver and an ini pointing at it.
mkdir -p "$WORK/repo/drivers" "$WORK/repo/migrations"
cp "$TD/evil/strata_evil.so" "$WORK/repo/drivers/"
cat >"$WORK/repo/strata.ini" <<'INI'
[strata]
migrations = migrations

driver_path = drivers
INI
cd "$WORK/repo" || fail "cd"
for url in "postgresql://u@127.0.0.1:1/x" "mariadb://u@127.0.0.1:1/x" \
    "postgres://u@127.0.0.1:1/x" "evil://x" "sqlite:///x.db"; do
    st --url "$url" current
    expect_rc 2
    expect_err "strata.ini:4: [strata] driver_path is not read from the ini"
    expect_err "--driver-path or STRATA_DRIVER_PATH"
    gone "$url with driver_path in strata.ini"
done
# Even a verb that needs no database refuses the file.
st heads
expect_rc 2
expect_err "strata.ini:4:"
gone "heads"
printf '[strata]\nmigrations = migrations\n' >strata.ini
cd "$WORK" || fail "cd"

mkdir -p "$WORK/migrations"
# The folder of the driver the scheme names is the only one opened: a
# planted file elsewhere on the trusted path is not loaded for it.
mkdir -p "$WORK/trusted"
cp "$TD/evil/strata_evil.so" "$WORK/trusted/"
st --driver-path "$WORK/trusted" --url "sqlite:///$WORK/x.db" current
expect_rc 0
gone "a sqlite:// URL"

# A folder the group or others can write is not trusted: nothing in it
# loads, not even to look for an alias.
mkdir -p "$WORK/gw"
cp "$TD/evil/strata_evil.so" "$TD/good/strata_good.so" "$WORK/gw/"
chmod 0775 "$WORK/gw"
st --driver-path "$WORK/gw" --url "postgresql://u@127.0.0.1:1/x" current
gone "postgresql:// with a group-writable folder on --driver-path"
STRATA_DRIVER_PATH=$WORK/gw st --url "mariadb://u@127.0.0.1:1/x" current
gone "mariadb:// with a group-writable folder in STRATA_DRIVER_PATH"
# good DIR RC MESSAGE: strata_good.so from DIR, as --driver-path.
good() {
    st --driver-path "$1" --url good://x current
    expect_rc "$2"
    expect_err "$3"
}
good "$WORK/gw" 2 "$WORK/gw/strata_good.so: refusing a driver in group-writable directory $WORK/gw"
chmod 0757 "$WORK/gw"
good "$WORK/gw" 2 "refusing a driver in world-writable directory $WORK/gw"
# The same folder made private loads the driver (its connect answers).
chmod 0755 "$WORK/gw"
good "$WORK/gw" 1 "good: there is no database to connect to"
# A group-writable file in a safe folder.
chmod 0664 "$WORK/gw/strata_good.so"
good "$WORK/gw" 2 "$WORK/gw/strata_good.so: refusing a group-writable driver"
chmod 0644 "$WORK/gw/strata_good.so"
# A symbolic link is not followed: the checked file is the loaded one.
mkdir -p "$WORK/linked"
ln -s "$WORK/gw/strata_good.so" "$WORK/linked/strata_good.so"
good "$WORK/linked" 2 "$WORK/linked/strata_good.so: refusing a symbolic link"
# Owned by another user (only root can make one here).
if [ "$(id -u)" = 0 ]; then
    chown 65534 "$WORK/gw/strata_good.so"
    good "$WORK/gw" 2 "$WORK/gw/strata_good.so: refusing a driver owned by uid 65534"
    chown 0 "$WORK/gw/strata_good.so"
    chown 65534 "$WORK/gw"
    good "$WORK/gw" 2 "refusing a driver in directory $WORK/gw owned by uid 65534"
    chown 0 "$WORK/gw"
fi
gone "the end"
