-- revision: 001_signals
-- message: signals table

-- +up
CREATE TABLE signals (
    id integer PRIMARY KEY,
    symbol varchar(32) NOT NULL,
    score real,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +down
DROP TABLE signals;
