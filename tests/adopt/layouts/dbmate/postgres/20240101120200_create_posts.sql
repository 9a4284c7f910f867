-- migrate:up
CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    title varchar(200) NOT NULL,
    body text
);

-- migrate:down
DROP TABLE posts;
