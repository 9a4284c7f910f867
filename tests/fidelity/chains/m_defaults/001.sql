-- revision: 001
-- revises: base
-- message: defaults with expressions

-- +up mysql
CREATE TABLE md_all (
    id int PRIMARY KEY,
    a int DEFAULT 0,
    b int DEFAULT -1,
    c decimal(5,2) DEFAULT 1.50,
    d varchar(10) DEFAULT 'it''s',
    e timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    f datetime DEFAULT CURRENT_TIMESTAMP,
    g datetime(6) DEFAULT NOW(6),
    h date DEFAULT (CURRENT_DATE),
    i varchar(36) DEFAULT (uuid()),
    j int DEFAULT (1 + 2),
    k json DEFAULT ('{}'),
    l text DEFAULT ('long'),
    m varchar(5) DEFAULT NULL,
    n boolean DEFAULT TRUE,
    o bit(1) DEFAULT b'1',
    p blob DEFAULT ('x'),
    q varchar(20) DEFAULT "dq",
    r timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
);
-- +down mysql
DROP TABLE md_all;
