-- revision: 002
-- revises: 001
-- message: an empty up whose down does work (as fizz writes them)

-- +up mysql

-- +down mysql
ALTER TABLE me_t ADD COLUMN legacy varchar(20);
