DROP INDEX posts_title ON posts;
