--liquibase formatted sql

--changeset strata:create_tags-postgres dbms:postgresql
CREATE TABLE tags (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
--rollback DROP TABLE tags;

--changeset strata:create_tags-mysql dbms:mysql,mariadb
CREATE TABLE tags (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
--rollback DROP TABLE tags;

--changeset strata:create_tags-sqlite dbms:sqlite
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(50) NOT NULL
);
--rollback DROP TABLE tags;

--changeset strata:create_post_tags-postgres dbms:postgresql
CREATE TABLE post_tags (
    post_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY (post_id) REFERENCES posts (id),
    FOREIGN KEY (tag_id) REFERENCES tags (id)
);
--rollback DROP TABLE post_tags;

--changeset strata:create_post_tags-mysql dbms:mysql,mariadb
CREATE TABLE post_tags (
    post_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY (post_id) REFERENCES posts (id),
    FOREIGN KEY (tag_id) REFERENCES tags (id)
);
--rollback DROP TABLE post_tags;

--changeset strata:create_post_tags-sqlite dbms:sqlite
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    PRIMARY KEY (post_id, tag_id),
    FOREIGN KEY (post_id) REFERENCES posts (id),
    FOREIGN KEY (tag_id) REFERENCES tags (id)
);
--rollback DROP TABLE post_tags;

--changeset strata:posts_touch_trigger-postgres dbms:postgresql
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
--rollback DROP TABLE audit_log;

--changeset strata:posts_touch_trigger-postgres-fn dbms:postgresql splitStatements:false
CREATE FUNCTION posts_touch() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    INSERT INTO audit_log (post_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--rollback DROP FUNCTION posts_touch();

--changeset strata:posts_touch_trigger-postgres-trg dbms:postgresql
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_touch();
--rollback DROP TRIGGER posts_touch ON posts;

--changeset strata:posts_touch_trigger-mysql dbms:mysql,mariadb endDelimiter://
CREATE TABLE audit_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    post_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)
//
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW
BEGIN
    SET NEW.updated_at = CURRENT_TIMESTAMP;
    INSERT INTO audit_log (post_id) VALUES (NEW.id);
END
//
/* liquibase rollback
DROP TRIGGER posts_touch;
DROP TABLE audit_log;
*/

--changeset strata:posts_touch_trigger-sqlite dbms:sqlite
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER posts_touch AFTER UPDATE OF title, body ON posts FOR EACH ROW
BEGIN
    UPDATE posts SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
    INSERT INTO audit_log (post_id) VALUES (NEW.id);
END;
/* liquibase rollback
DROP TRIGGER posts_touch;
DROP TABLE audit_log;
*/

--changeset strata:recent_posts_view
--comment: recent_posts_view on every engine
CREATE VIEW recent_posts AS
    SELECT id, title FROM posts WHERE updated_at IS NOT NULL;
--rollback DROP VIEW recent_posts;
