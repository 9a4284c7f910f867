-- CreateTable
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, title varchar(200));
CREATE INDEX posts_user ON posts (user_id);
