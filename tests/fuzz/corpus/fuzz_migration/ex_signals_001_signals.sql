-- revision: 001_signals
-- message: signals table

-- +up
CREATE TABLE signals (
    id serial PRIMARY KEY,
    symbol varchar(32) NOT NULL,
    score real,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
