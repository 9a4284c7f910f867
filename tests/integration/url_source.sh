# url_source.sh - current and status say where the database URL came from:
# --url, -e ENV's section, STRATA_URL/DATABASE_URL (and the ini url it
# wins over), [dev], the embedded default (issue 15).
# dialects: sqlite
mkdir -p proj/migrations && cd proj || fail "cd proj"
st current
expect_rc 0
expect_out "database: sqlite:///strata.db (from embedded default)"
cat >strata.ini <<'INI'
[dev]
url = sqlite:///dev.db
[prod]
url = sqlite:///prod.db
INI
st current
expect_out "database: sqlite:///dev.db (from strata.ini [dev] url)"
# A mistyped environment: the closest one and every one.
st -e prdo current
expect_rc 2
expect_err "no section [prdo]; did you mean 'prod'? (environments: dev, prod)"
# DATABASE_URL wins over [dev]: said, with the way back to [dev].
DATABASE_URL="sqlite:///$WORK/env.db" st current
expect_out "database: sqlite:///$WORK/env.db (from DATABASE_URL, which wins over strata.ini [dev] url ('-e dev' uses that))"
DATABASE_URL="sqlite:///$WORK/env.db" st status
expect_out "database  sqlite:///$WORK/env.db (from DATABASE_URL, which wins over strata.ini [dev] url ('-e dev' uses that))"
DATABASE_URL="sqlite:///$WORK/env.db" st -e dev current
expect_out "database: sqlite:///dev.db (from -e dev: strata.ini [dev] url)"
STRATA_URL="sqlite:///$WORK/env.db" st -e prod current
expect_out "(from -e prod: strata.ini [prod] url)"
st --url "sqlite:///$WORK/flag.db" current
expect_out "(from --url)"
# -q keeps the rows alone; --json says it as url_source.
st -q current
expect_eq "$OUT" "base (nothing applied to sqlite:///dev.db)" "current -q"
DATABASE_URL="sqlite:///$WORK/env.db" st --json current
expect_eq "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["url_source"])')" \
    "DATABASE_URL, which wins over strata.ini [dev] url ('-e dev' uses that)" \
    "url_source"
