-- revision: 001
-- revises: base
-- message: portable types the engines spell differently

-- +up
CREATE TABLE gm_text (id integer PRIMARY KEY, body text, note text NOT NULL);
CREATE TABLE gm_time (id integer PRIMARY KEY, at timestamp, made timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE gm_real (id integer PRIMARY KEY, r real, f float);
-- +down
DROP TABLE gm_real;
DROP TABLE gm_time;
DROP TABLE gm_text;
