--liquibase formatted sql

--changeset strata:create_users-postgres dbms:postgresql
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
--rollback DROP TABLE users;

--changeset strata:create_users-mysql dbms:mysql,mariadb
CREATE TABLE users (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
--rollback DROP TABLE users;

--changeset strata:create_users-sqlite dbms:sqlite
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email VARCHAR(255) NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
--rollback DROP TABLE users;

--changeset strata:create_posts-postgres dbms:postgresql
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    updated_at TIMESTAMP NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
--rollback DROP TABLE posts;

--changeset strata:create_posts-mysql dbms:mysql,mariadb
CREATE TABLE posts (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    updated_at TIMESTAMP NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
--rollback DROP TABLE posts;

--changeset strata:create_posts-sqlite dbms:sqlite
CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    body TEXT,
    updated_at TIMESTAMP NULL,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
--rollback DROP TABLE posts;

--changeset strata:add_display_name
--comment: add_display_name on every engine
ALTER TABLE users ADD COLUMN display_name VARCHAR(100);
--rollback ALTER TABLE users DROP COLUMN display_name;

--changeset strata:posts_title_index-postgres dbms:postgresql runInTransaction:false
CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);
--rollback DROP INDEX CONCURRENTLY posts_title_idx;

--changeset strata:posts_title_index-mysql dbms:mysql,mariadb
CREATE INDEX posts_title_idx ON posts (title);
--rollback DROP INDEX posts_title_idx ON posts;

--changeset strata:posts_title_index-sqlite dbms:sqlite
CREATE INDEX posts_title_idx ON posts (title);
--rollback DROP INDEX posts_title_idx;
