-- revision: 001
-- revises: base
-- message: a table

-- +up postgres
CREATE TABLE pe_t (id uuid PRIMARY KEY, code text);
-- +down postgres
DROP TABLE pe_t;
