-- revision: 001
-- revises: base
-- message: a table to index

-- +up mysql
CREATE TABLE mix_docs (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    title varchar(200) NOT NULL,
    body text,
    created_at datetime NOT NULL,
    score double,
    geo point NOT NULL
) ENGINE=InnoDB;
-- +down mysql
DROP TABLE mix_docs;
