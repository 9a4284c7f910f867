# adopt_repeatable.sh - repeatable migrations (docs/design.md §2.6):
# Flyway's R__ files and strata's "-- repeatable: true" run after the
# versioned ones, again whenever their checksum changes, are never
# refused as edited nor undone; a versioned migration added later still
# runs (a repeatable holds no version row).  Also: format = auto names
# the layout, status says it, and a strata file beside Flyway's needs
# format = strata+flyway.
# dialects: sqlite postgres mysql
new_db
write_migration V1__settings.sql <<'SQL'
CREATE TABLE settings (k varchar(20) NOT NULL, v varchar(20));
SQL
write_migration R__defaults.sql <<'SQL'
DELETE FROM settings;
INSERT INTO settings (k, v) VALUES ('theme', 'light');
SQL
st --url "$URL" upgrade
expect_rc 0
expect_err "read as a flyway folder (format = auto"
expect_out "R__defaults  applied"
st --url "$URL" upgrade
expect_out "nothing to do"
# Edited: pending again (not a checksum refusal), and run again.
write_migration R__defaults.sql <<'SQL'
DELETE FROM settings;
INSERT INTO settings (k, v) VALUES ('theme', 'dark');
SQL
st --url "$URL" status
expect_rc 0
expect_out "pending  R__defaults"
expect_out "layout    flyway (detected: format = auto)"
st --url "$URL" upgrade
expect_rc 0
expect_out "R__defaults  applied"
expect_eq "$(db_sql "SELECT v FROM settings")" dark "the repeatable ran again"
# A versioned migration added after the repeatable ran: pending, run.
write_migration V2__more.sql <<'SQL'
CREATE TABLE more_settings (k varchar(20));
SQL
st --url "$URL" upgrade
expect_rc 0
expect_out "up    2"
expect_no_out "R__defaults  applied"
expect_eq "$(db_has_table more_settings)" 1 "V2 ran"
# Downgrade never undoes a repeatable; it stays applied.
st --url "$URL" downgrade base
expect_rc 0
expect_no_out "R__defaults"
expect_eq "$(db_has_table settings)" 0 "V1 undone (derived)"
# strata's own repeatable file, beside Flyway's files.
write_migration own.sql <<'SQL'
-- revision: own_defaults
-- revises: R__defaults
-- repeatable: true
-- +up
SELECT 1;
SQL
st --url "$URL" status
expect_rc 2
expect_err "format = strata+flyway"
st --url "$URL" --format strata+flyway upgrade
expect_rc 0
expect_out "own_defaults"
