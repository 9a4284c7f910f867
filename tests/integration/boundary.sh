# boundary.sh - the core links no database client library (and links
# jansson and libyaml, which no driver does); each driver links only its own client
# and exports exactly one strata_ symbol.
# dialects: sqlite
libs=$(ldd "$STRATA") || fail "ldd $STRATA"
case "$libs" in
*libsqlite3* | *libpq* | *libmysqlclient* | *libmariadb* | *libfbclient*)
    fail "the core links a database client: $libs" ;;
esac
case "$libs" in *libiniparser*) ;; *) fail "no iniparser in: $libs" ;; esac
case "$libs" in *libcrypto*) ;; *) fail "no libcrypto in: $libs" ;; esac
case "$libs" in *libjansson*) ;; *) fail "no jansson in: $libs" ;; esac
case "$libs" in *libyaml*) ;; *) fail "no libyaml in: $libs" ;; esac
case "$libs" in *libpg_query*) fail "the core links libpg_query" ;; esac
DRV=$(cd "$(dirname "$STRATA")" && pwd)/drivers
for so in "$DRV"/strata_*.so; do
    syms=$(nm -D --defined-only "$so" | awk '$3 ~ /^strata_/ {print $3}')
    expect_eq "$syms" strata_driver_init "exported strata_ symbols of $so"
    name=$(basename "$so" .so)
    name=${name#strata_}
    dlibs=$(ldd "$so")
    for other in libsqlite3 libpq libmysqlclient libmariadb libfbclient libpg_query libjansson libyaml; do
        case "$name:$other" in
        sqlite:libsqlite3 | postgres:libpq | postgres:libpg_query | mysql:libmysqlclient | mysql:libmariadb | firebird:libfbclient) ;;
        *) case "$dlibs" in *"$other"*) fail "$so links $other" ;; esac ;;
        esac
    done
done
# lint's PostgreSQL grammar is the PostgreSQL driver's own
# (docs/design.md §11.3).
if [ -f "$DRV/strata_postgres.so" ]; then
    case "$(ldd "$DRV/strata_postgres.so")" in
    *libpg_query*) ;;
    *) fail "strata_postgres.so does not link libpg_query" ;;
    esac
fi
