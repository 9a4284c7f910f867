CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz DEFAULT now()
);
