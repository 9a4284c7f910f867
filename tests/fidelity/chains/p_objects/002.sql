-- revision: 002
-- revises: 001
-- message: an enum value added, a view replaced

-- +up postgres
ALTER TYPE pob_mood ADD VALUE 'ecstatic' AFTER 'happy';
CREATE OR REPLACE VIEW pob_happy AS SELECT id, email, mood FROM pob_people WHERE mood IN ('happy');
ALTER TABLE pob_people ADD COLUMN nick varchar(30);
-- +down postgres
ALTER TABLE pob_people DROP COLUMN nick;
DROP VIEW pob_happy;
CREATE VIEW pob_happy AS SELECT id, email FROM pob_people WHERE mood = 'happy';
