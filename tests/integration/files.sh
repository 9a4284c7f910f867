# files.sh - the files strata leaves in a project (issue 15, defect 14):
# init writes a .gitignore for the embedded database and its lock file
# (which stays after a run on purpose: docs/design.md §8), revision
# creates a missing migrations directory, and a refused init or revision
# leaves the directory as it was.
# dialects: sqlite

# init: the .gitignore lists the database and its lock file.
mkdir p1
st init p1
expect_rc 0
expect_out "wrote p1/.gitignore"
grep -qx '/strata.db' p1/.gitignore || fail "strata.db not in .gitignore"
grep -qx '/strata.db.lock' p1/.gitignore || fail "strata.db.lock not in .gitignore"
(cd p1 && "$STRATA" upgrade >/dev/null) || fail "upgrade in p1"
[ -f p1/strata.db.lock ] || fail "the lock file does not stay (docs/design.md §8)"
if command -v git >/dev/null; then
    git -C p1 init -q . || fail "git init"
    expect_eq "$(git -C p1 status --porcelain --untracked-files=all | sort | tr '\n' ' ')" \
        "?? .gitignore ?? migrations/0001_initial.sql ?? strata.ini " \
        "what git sees after a run"
fi

# An existing .gitignore is the user's: not changed, a note says what
# to add.
mkdir p2
printf 'node_modules/\n' >p2/.gitignore
st init p2
expect_rc 0
expect_out "note: p2/.gitignore exists"
expect_eq "$(cat p2/.gitignore)" "node_modules/" "the user's .gitignore"

# init refused because migrations is a file: nothing is left behind.
mkdir p3
: >p3/migrations
st init p3
expect_rc 2
expect_err "p3/migrations exists and is not a directory"
expect_eq "$(find p3 -mindepth 1 -printf '%f ')" "migrations " "what a refused init left"
# ... and into a new directory: not even the directory.
: >plain
st init plain/sub
expect_rc 2
[ -e plain/sub ] && fail "a refused init left plain/sub"

# revision creates the migrations directory (and its parents), as
# dbmate's `new` does.
mkdir p4
(cd p4 && "$STRATA" --migrations db/migrations revision -m "first" >"$WORK/o4" 2>&1)
rc=$?
expect_eq "$rc" 0 "revision without a migrations directory: $(cat o4)"
expect_eq "$(cat o4)" "db/migrations/0001_first.sql" "the path written"
[ -f p4/db/migrations/0001_first.sql ] || fail "the first migration is not there"
# A refused revision removes the directories it made.
mkdir p5
(cd p5 && "$STRATA" --migrations db/migrations revision -m x --head nosuch >/dev/null 2>&1)
expect_eq "$?" 2 "revision --head nosuch"
expect_eq "$(find p5 -mindepth 1)" "" "what a refused revision left"
