-- revision: b
-- revises: r1
-- +up
CREATE INDEX i ON a ();
