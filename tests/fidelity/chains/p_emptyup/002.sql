-- revision: 002
-- revises: 001
-- message: an empty up whose down does work (as fizz writes them)

-- +up postgres

-- +down postgres
ALTER TABLE pe_t ADD COLUMN legacy text;
