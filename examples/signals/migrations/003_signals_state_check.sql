-- revision: 003_signals_state_check
-- revises: 002_signals_state
-- message: only known states
--
-- On PostgreSQL this is added NOT VALID and validated in its own step;
-- SQLite rebuilds the table (rows, indexes and triggers are kept).

-- +up
ALTER TABLE signals ADD CONSTRAINT signals_state_check
    CHECK (state IN ('candidate', 'verified', 'rejected'));
