-- revision: 001
-- revises: base
-- message: enums, domains, views, functions and triggers

-- +up postgres
CREATE TYPE pob_mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN pob_email AS text CHECK (VALUE ~ '@');
CREATE TABLE pob_people (id integer PRIMARY KEY, mood pob_mood NOT NULL DEFAULT 'ok', email pob_email, updated_at timestamptz);
CREATE VIEW pob_happy AS SELECT id, email FROM pob_people WHERE mood = 'happy';
CREATE MATERIALIZED VIEW pob_counts AS SELECT mood, count(*) AS n FROM pob_people GROUP BY mood;
CREATE FUNCTION pob_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER pob_people_touch BEFORE UPDATE ON pob_people FOR EACH ROW EXECUTE FUNCTION pob_touch();
-- +down postgres
DROP TRIGGER pob_people_touch ON pob_people;
DROP FUNCTION pob_touch();
DROP MATERIALIZED VIEW pob_counts;
DROP VIEW pob_happy;
DROP TABLE pob_people;
DROP DOMAIN pob_email;
DROP TYPE pob_mood;
