-- revision: 002_under_test
-- revises: 001_tables
-- message: add-column-not-null.raw: trigger

-- +up
ALTER TABLE ONLY t ADD COLUMN c integer NOT NULL;
