-- no-transaction
DROP INDEX CONCURRENTLY posts_user_id;
