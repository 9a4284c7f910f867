-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY posts_user_id ON posts (user_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY posts_user_id;
