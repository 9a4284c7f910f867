# config.sh - where the database URL comes from (docs/design.md §10),
# ini-relative paths, ${VAR} expansion and the embedded default.
# dialects: sqlite
write_first_migration
# Nothing configured: the embedded default beside migrations/.
st upgrade
expect_rc 0
expect_out "sqlite:///strata.db"
[ -f "$WORK/strata.db" ] || fail "embedded default database not created"
rm -f "$WORK/strata.db"

mkdir -p "$WORK/proj"
mv "$WORK/migrations" "$WORK/proj/"
cat >"$WORK/proj/strata.ini" <<'INI'
[strata]
migrations = migrations
url = sqlite:///from-strata-section.db
[dev]
url = sqlite:///dev.db
[prod]
url = sqlite:///${PROD_DB:-prod-default}.db
INI
# Paths in the ini are relative to the ini, whatever the cwd.
st -c proj/strata.ini upgrade
expect_rc 0
[ -f "$WORK/proj/dev.db" ] || fail "[dev] url not used, or not ini-relative"
DATABASE_URL="sqlite:///$WORK/env-database.db" st -c proj/strata.ini upgrade
[ -f "$WORK/env-database.db" ] || fail "DATABASE_URL did not beat [dev]"
STRATA_URL="sqlite:///$WORK/env-strata.db" \
    DATABASE_URL="sqlite:///$WORK/not-this.db" st -c proj/strata.ini upgrade
[ -f "$WORK/env-strata.db" ] || fail "STRATA_URL did not beat DATABASE_URL"
[ ! -f "$WORK/not-this.db" ] || fail "DATABASE_URL used despite STRATA_URL"
STRATA_URL="sqlite:///$WORK/not-this.db" st -c proj/strata.ini -e prod upgrade
[ -f "$WORK/proj/prod-default.db" ] || fail "-e prod did not beat STRATA_URL"
PROD_DB=p2 st -c proj/strata.ini -e prod upgrade
[ -f "$WORK/proj/p2.db" ] || fail "\${PROD_DB} not expanded"
st -c proj/strata.ini -e prod --url "sqlite:///$WORK/flag.db" upgrade
[ -f "$WORK/flag.db" ] || fail "--url did not beat -e"
[ ! -f "$WORK/not-this.db" ] || fail "a lower-precedence URL was used"
st -c proj/strata.ini -e staging upgrade
expect_rc 2
expect_err "no section [staging]"
st -c proj/missing.ini upgrade
expect_rc 2
expect_err "cannot read config proj/missing.ini"
printf '[strata]\nurl = sqlite:///x.db\nlok_timeout = 5s\n' >"$WORK/typo.ini"
st -c typo.ini upgrade
expect_rc 2
expect_err "unknown key 'lok_timeout'"
