-- migrate:up
CREATE TABLE tags (id integer PRIMARY KEY, name varchar(50) NOT NULL);

-- migrate:down
DROP TABLE tags;
