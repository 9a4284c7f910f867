# trust_lock.sh - the SQLite migration lock file: created private (0600,
# or shared with whoever may write the database), never followed through
# a symbolic link, refused when another user owns it; it stays after a
# run.
# dialects: sqlite
new_db
write_migration 1.sql <<'SQL'
-- revision: r1
-- +up
CREATE TABLE a (id integer);
-- +down
DROP TABLE a;
SQL
LOCK=$DBFILE.lock
st --url "$URL" upgrade
expect_rc 0
[ -f "$LOCK" ] || fail "the lock file is gone after the run"
expect_eq "$(stat -c %a "$LOCK")" 600 "mode of a new lock file"

# A database its group may write: the group may take the lock too.
rm -f "$LOCK"
chmod 0664 "$DBFILE"
st --url "$URL" downgrade base
expect_rc 0
expect_eq "$(stat -c %a "$LOCK")" 660 "mode beside a group-writable database"
chmod 0644 "$DBFILE"

# A symbolic link planted where the lock goes is not followed: the file
# it points to is neither created nor written.
rm -f "$LOCK"
ln -s "$WORK/victim" "$LOCK"
before=$(db_dump)
st --url "$URL" upgrade
expect_rc 2
expect_err "migration lock: $LOCK is a symbolic link"
[ ! -e "$WORK/victim" ] || fail "the link's target was created"
expect_eq "$(db_dump)" "$before" "database with a planted link"
rm -f "$LOCK"

# Not a regular file.
mkfifo "$LOCK"
st --url "$URL" upgrade
expect_rc 2
expect_err "migration lock: $LOCK is not a regular file"
rm -f "$LOCK"

# Owned by another user (only root can make one here).
if [ "$(id -u)" = 0 ]; then
    : >"$LOCK"
    chown 65534 "$LOCK"
    st --url "$URL" upgrade
    expect_rc 2
    expect_err "migration lock: $LOCK is owned by uid 65534"
    expect_eq "$(db_dump)" "$before" "database with a foreign lock file"
    rm -f "$LOCK"
fi
st --url "$URL" upgrade
expect_rc 0
