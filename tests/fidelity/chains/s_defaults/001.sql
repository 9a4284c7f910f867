-- revision: 001
-- revises: base
-- message: defaults: literals, expressions, keywords

-- +up sqlite
CREATE TABLE sd_all (
    id INTEGER PRIMARY KEY,
    a INTEGER DEFAULT 0,
    b INTEGER DEFAULT -1,
    c REAL DEFAULT +1.5,
    d TEXT DEFAULT 'it''s',
    e TEXT DEFAULT "dq",
    f BLOB DEFAULT X'00FF',
    g TEXT DEFAULT CURRENT_TIMESTAMP,
    h TEXT DEFAULT CURRENT_DATE,
    i TEXT DEFAULT CURRENT_TIME,
    j TEXT DEFAULT (datetime('now')),
    k INTEGER DEFAULT (1 + 2),
    l TEXT DEFAULT NULL,
    m BOOLEAN DEFAULT TRUE,
    n BOOLEAN DEFAULT false,
    o TEXT NOT NULL DEFAULT '',
    p REAL DEFAULT 1e3,
    q TEXT DEFAULT (lower(hex(randomblob(16)))),
    r INTEGER DEFAULT 0x10,
    s TEXT DEFAULT ('{}'),
    t TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- +down sqlite
DROP TABLE sd_all;
