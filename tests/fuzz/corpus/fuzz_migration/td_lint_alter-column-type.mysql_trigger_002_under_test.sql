-- revision: 002_under_test
-- revises: 001_tables
-- message: alter-column-type.mysql: trigger

-- +up
ALTER TABLE t MODIFY b bigint, ALGORITHM=COPY;
