-- Your SQL goes here
ALTER TABLE users
ADD COLUMN login_session VARCHAR NOT NULL DEFAULT '';