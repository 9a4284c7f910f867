CREATE TABLE tags (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
