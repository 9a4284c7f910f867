-- revision: 001
-- revises: base
-- message: portable defaults

-- +up
CREATE TABLE gd_all (
    id integer PRIMARY KEY,
    a integer DEFAULT 0,
    b integer DEFAULT -1,
    c numeric(5,2) DEFAULT 1.5,
    d varchar(10) DEFAULT 'it''s',
    e varchar(10) DEFAULT '',
    f date DEFAULT CURRENT_DATE,
    g varchar(5) DEFAULT NULL,
    h boolean DEFAULT true,
    i integer NOT NULL DEFAULT 7
);
-- +down
DROP TABLE gd_all;
