-- revision: 001
-- revises: base
-- message: a table

-- +up sqlite
CREATE TABLE se_t (id TEXT PRIMARY KEY, code TEXT);
-- +down sqlite
DROP TABLE se_t;
