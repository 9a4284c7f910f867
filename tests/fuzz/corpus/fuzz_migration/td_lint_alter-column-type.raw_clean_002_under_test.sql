-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type.raw: clean

-- +up
ALTER TABLE ONLY t ALTER COLUMN b SET STATISTICS 500;
