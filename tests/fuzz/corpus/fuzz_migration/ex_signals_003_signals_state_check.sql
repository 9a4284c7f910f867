-- revision: 003_signals_state_check
-- revises: 002_signals_state
-- message: only known states
-- allow_locking: true
--
-- On PostgreSQL this is added NOT VALID and validated in its own step;
-- SQLite rebuilds the table (rows, indexes and triggers are kept);
-- MySQL/MariaDB copy the table under a shared lock, which blocks writes
-- for the duration: allow_locking accepts that for this migration.

-- +up
ALTER TABLE signals ADD CONSTRAINT signals_state_check
    CHECK (state IN ('candidate', 'verified', 'rejected'));
