-- revision: 001
-- revises: base
-- message: views, triggers, procedures

-- +up mysql
CREATE TABLE mv_posts (id int PRIMARY KEY, title varchar(100) NOT NULL, published tinyint(1) NOT NULL DEFAULT 0, updated_at datetime);
CREATE VIEW mv_published AS SELECT id, title FROM mv_posts WHERE published = 1;
CREATE TRIGGER mv_posts_touch BEFORE UPDATE ON mv_posts FOR EACH ROW SET NEW.updated_at = NOW();
DELIMITER //
CREATE PROCEDURE mv_count(OUT n int)
BEGIN
    SELECT count(*) INTO n FROM mv_posts;
END//
DELIMITER ;
-- +down mysql
DROP PROCEDURE mv_count;
DROP TRIGGER mv_posts_touch;
DROP VIEW mv_published;
DROP TABLE mv_posts;
