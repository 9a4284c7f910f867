CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL, body text);
