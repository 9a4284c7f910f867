-- revision: 002_signals_state
-- revises: 001_signals
-- message: signals.state lifecycle column (default, NOT NULL)

-- +up
ALTER TABLE signals ADD COLUMN state varchar(20) NOT NULL DEFAULT 'candidate';
