-- revision: 002
-- revises: 001
-- message: a referencing column added

-- +up sqlite
ALTER TABLE sk_child ADD COLUMN backup_id INTEGER REFERENCES sk_parent (id) ON DELETE SET DEFAULT;
ALTER TABLE sk_child ADD COLUMN ratio REAL CHECK (ratio BETWEEN 0 AND 1);
ALTER TABLE sk_child ADD COLUMN tag TEXT CONSTRAINT sk_child_tag_ck CHECK (tag IN ('a', 'b'));
-- +down sqlite
ALTER TABLE sk_child DROP COLUMN tag;
ALTER TABLE sk_child DROP COLUMN ratio;
ALTER TABLE sk_child DROP COLUMN backup_id;
