-- revision: 004_signals_state_index
-- revises: 003_signals_state_check
-- message: index for the review queue: state, newest first

-- +up
CREATE INDEX CONCURRENTLY idx_signals_state_created_at
    ON signals (state, created_at DESC);
