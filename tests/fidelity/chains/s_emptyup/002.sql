-- revision: 002
-- revises: 001
-- message: an empty up whose down does work (as fizz writes them)

-- +up sqlite

-- +down sqlite
ALTER TABLE se_t ADD COLUMN legacy TEXT;
