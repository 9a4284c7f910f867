-- no-transaction
DROP INDEX posts_title ON posts;
