-- migrate:up
CREATE TABLE tags (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- migrate:down
DROP TABLE tags;
