-- revision: 002
-- revises: 001
-- message: defaults on added columns

-- +up sqlite
ALTER TABLE sd_all ADD COLUMN u TEXT NOT NULL DEFAULT 'x';
ALTER TABLE sd_all ADD COLUMN v INTEGER DEFAULT -42;
ALTER TABLE sd_all ADD COLUMN w TEXT DEFAULT NULL;
ALTER TABLE sd_all ADD COLUMN x TEXT DEFAULT "quoted";
-- +down sqlite
ALTER TABLE sd_all DROP COLUMN x;
ALTER TABLE sd_all DROP COLUMN w;
ALTER TABLE sd_all DROP COLUMN v;
ALTER TABLE sd_all DROP COLUMN u;
