# install.sh - `make install DESTDIR=... PREFIX=/usr` puts the program,
# the drivers, the driver header, the manual page, the pkg-config file,
# the bash and zsh completions and the driver kit (the template, the
# conformance runner) where they belong; pkg-config names the installed
# header's folder, a driver built with nothing else loads, and so does
# the installed template built out of tree with its own Makefile;
# `make uninstall` leaves no file behind.
# dialects: sqlite
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
# In a copy of the build tree: PREFIX=/usr compiles another driver
# folder into the program, and the suite's own program keeps its own.
COPY=$WORK/build
DEST=$WORK/root
mkdir -p "$COPY"
for f in core abi drivers plugins gen libstrata_core.a strata strata-conformance strata.1; do
    [ -e "$B/$f" ] && cp -a "$B/$f" "$COPY/"
done
mk() { # make TARGET in the copy, with the install's variables
    make -s -C "$ROOT" BUILD="$COPY" PREFIX=/usr DESTDIR="$DEST" "$@" \
        >"$WORK/make.log" 2>&1 || fail "make $*: $(tail -n 5 "$WORK/make.log")"
}
mk install

for f in usr/bin/strata usr/bin/strata-conformance usr/include/strata/driver.h \
    usr/share/man/man1/strata.1 usr/share/pkgconfig/strata-driver.pc \
    usr/share/bash-completion/completions/strata \
    usr/share/zsh/site-functions/_strata \
    usr/share/strata/template/template.c usr/share/strata/template/Makefile \
    usr/share/strata/template/README.md; do
    [ -f "$DEST/$f" ] || fail "make install did not install /$f"
done
for d in "$ROOT"/drivers/*/; do
    name=$(basename "$d")
    [ "$name" = common ] && continue
    [ -f "$DEST/usr/lib/strata/strata_$name.so" ] ||
        fail "make install did not install /usr/lib/strata/strata_$name.so"
done
[ -x "$DEST/usr/bin/strata" ] || fail "the installed strata is not executable"
VERSION=$("$DEST/usr/bin/strata" version | sed -n 's/^strata \([^ ]*\).*/\1/p')
[ -n "$VERSION" ] || fail "the installed strata does not run"
cmp -s "$DEST/usr/share/bash-completion/completions/strata" "$ROOT/completion/strata.bash" ||
    fail "the installed bash completion differs from completion/strata.bash"
MANWIDTH=80 man -l "$DEST/usr/share/man/man1/strata.1" >/dev/null 2>&1 ||
    fail "the installed manual page does not render"

# pkg-config: the version, the install folder, and the flags a driver
# author compiles with (the sysroot maps /usr onto DESTDIR).
pc() {
    PKG_CONFIG_PATH=$DEST/usr/share/pkgconfig PKG_CONFIG_SYSROOT_DIR=$DEST \
        pkg-config "$@" strata-driver
}
expect_eq "$(pc --modversion)" "$VERSION" "pkg-config --modversion strata-driver"
expect_eq "$(PKG_CONFIG_PATH=$DEST/usr/share/pkgconfig pkg-config --variable=includedir strata-driver)" \
    /usr/include "includedir"
CFLAGS_PC=$(pc --cflags) || fail "pkg-config --cflags strata-driver failed"
expect_eq "$(printf '%s' "$CFLAGS_PC" | sed 's/ *$//')" "-I$DEST/usr/include" "pkg-config --cflags"
# A driver built from its own folder with those flags alone (no -I into
# the source tree), then loaded by strata.
mkdir -p "$WORK/src" "$WORK/drv"
cp "$ROOT/tests/drivers/good.c" "$ROOT/tests/drivers/stub.h" "$WORK/src/"
# shellcheck disable=SC2086
cc -std=c99 -Wall -Werror -fPIC -shared $CFLAGS_PC -o "$WORK/drv/strata_good.so" \
    "$WORK/src/good.c" 2>"$WORK/cc.log" || fail "a driver does not build with pkg-config's flags: $(cat "$WORK/cc.log")"
st drivers --driver-path "$WORK/drv"
expect_rc 0
expect_out "good       $WORK/drv/strata_good.so"
expect_no_out "(broken)"

# The template holds every entry point of the installed header's driver
# table, as its README promises: an author copying it misses none.
n=0
for e in $(awk '/^typedef struct strata_driver \{/ {f = 1}
                f && /^\} strata_driver;/ {f = 0}
                f' "$DEST/usr/include/strata/driver.h" |
           grep -o '(\*[a-z_]*)' | tr -d '(*)'); do
    grep -q "^    \.$e = " "$DEST/usr/share/strata/template/template.c" ||
        fail "the template has no .$e entry"
    n=$((n + 1))
done
[ "$n" -ge 30 ] || fail "read only $n entry points from the installed driver.h"

# The installed template, copied out and built by its own Makefile with
# pkg-config alone (as an author would), loads.
cp -r "$DEST/usr/share/strata/template" "$WORK/tpl"
PKG_CONFIG_PATH=$DEST/usr/share/pkgconfig PKG_CONFIG_SYSROOT_DIR=$DEST \
    make -s -C "$WORK/tpl" >"$WORK/tpl.log" 2>&1 ||
    fail "the installed template does not build out of tree: $(tail -n 5 "$WORK/tpl.log")"
st drivers --driver-path "$WORK/tpl"
expect_rc 0
expect_out "template   $WORK/tpl/strata_template.so"
expect_no_out "(broken)"
expect_eq "$(PKG_CONFIG_PATH=$DEST/usr/share/pkgconfig pkg-config --variable=driverdir strata-driver)" \
    /usr/lib/strata "driverdir"
# The installed conformance runner loads it and stops at connect, which
# the template has not written yet.
OUT=$("$DEST/usr/bin/strata-conformance" --driver "$WORK/tpl/strata_template.so" \
    --url template://x 2>&1)
RC=$?
expect_rc 1
expect_out "== load          pass"
expect_out "template: connect is not written yet"
expect_out "FAILED: connect: connect"

mk uninstall
left=$(cd "$DEST" && find . ! -type d)
expect_eq "$left" "" "files left by make uninstall"
for d in usr/lib/strata usr/include/strata usr/share/strata; do
    [ ! -d "$DEST/$d" ] || fail "make uninstall left /$d"
done
