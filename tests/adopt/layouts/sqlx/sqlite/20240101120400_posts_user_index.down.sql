-- no-transaction
DROP INDEX posts_user_id;
