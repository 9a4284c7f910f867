-- revision: 001
-- revises: base
-- message: tables to index

-- +up sqlite
CREATE TABLE si_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TEXT,
    score REAL
);
-- +down sqlite
DROP TABLE si_events;
