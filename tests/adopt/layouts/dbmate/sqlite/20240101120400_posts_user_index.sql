-- migrate:up transaction:false
CREATE INDEX posts_user_id ON posts (user_id);

-- migrate:down transaction:false
DROP INDEX posts_user_id;
