-- revision: 003_signals_state_check
-- revises: 002_signals_state
-- message: only known states
--
-- SQLite cannot add a CHECK to an existing table without rebuilding it
-- (portable statements will do that rebuild); until then triggers hold
-- the same rule there.

-- +up postgres, mysql
ALTER TABLE signals ADD CONSTRAINT signals_state_check
    CHECK (state IN ('candidate', 'verified', 'rejected'));

-- +down postgres
ALTER TABLE signals DROP CONSTRAINT signals_state_check;

-- +down mysql
ALTER TABLE signals DROP CHECK signals_state_check;

-- +up sqlite
CREATE TRIGGER signals_state_check_insert BEFORE INSERT ON signals
WHEN NEW.state NOT IN ('candidate', 'verified', 'rejected')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: signals_state_check');
END;
CREATE TRIGGER signals_state_check_update BEFORE UPDATE OF state ON signals
WHEN NEW.state NOT IN ('candidate', 'verified', 'rejected')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: signals_state_check');
END;

-- +down sqlite
DROP TRIGGER signals_state_check_update;
DROP TRIGGER signals_state_check_insert;
