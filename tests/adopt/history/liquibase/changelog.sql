--liquibase formatted sql

--changeset alice:1
CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL);
--rollback DROP TABLE users;

--changeset alice:2
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, title varchar(200));
CREATE INDEX posts_user ON posts (user_id);
--rollback DROP TABLE posts;

--changeset alice:3
CREATE TABLE tags (id integer PRIMARY KEY, name varchar(50) NOT NULL);
--rollback DROP TABLE tags;

--changeset alice:4
CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL, body text);
--rollback DROP TABLE comments;
