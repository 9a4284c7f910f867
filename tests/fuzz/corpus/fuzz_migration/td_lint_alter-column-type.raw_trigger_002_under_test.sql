-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type.raw: trigger

-- +up
ALTER TABLE ONLY t ALTER COLUMN b TYPE bigint USING b::bigint;
