-- migrate:up
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- migrate:down
DROP TABLE tags;
