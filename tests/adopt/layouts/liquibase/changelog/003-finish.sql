--liquibase formatted sql

--changeset strata:add_published
--comment: add_published on every engine
ALTER TABLE posts ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
--rollback ALTER TABLE posts DROP COLUMN published;

--changeset strata:create_comments-postgres dbms:postgresql
CREATE TABLE comments (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
);
--rollback DROP TABLE comments;

--changeset strata:create_comments-mysql dbms:mysql,mariadb
CREATE TABLE comments (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
);
--rollback DROP TABLE comments;

--changeset strata:create_comments-sqlite dbms:sqlite
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE
);
--rollback DROP TABLE comments;

--changeset strata:tags_name_unique-postgres dbms:postgresql
CREATE UNIQUE INDEX tags_name_key ON tags (name);
--rollback DROP INDEX tags_name_key;

--changeset strata:tags_name_unique-mysql dbms:mysql,mariadb
CREATE UNIQUE INDEX tags_name_key ON tags (name);
--rollback DROP INDEX tags_name_key ON tags;

--changeset strata:tags_name_unique-sqlite dbms:sqlite
CREATE UNIQUE INDEX tags_name_key ON tags (name);
--rollback DROP INDEX tags_name_key;

--changeset strata:seed_tags
--comment: seed_tags on every engine
INSERT INTO tags (name) VALUES ('news'), ('how;to'), ('it''s');
--rollback not required
