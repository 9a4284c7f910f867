-- revision: 002_under_test
-- revises: 001_tables
-- message: index-not-online: trigger

-- +up
CREATE INDEX t_a ON t USING btree (a);
