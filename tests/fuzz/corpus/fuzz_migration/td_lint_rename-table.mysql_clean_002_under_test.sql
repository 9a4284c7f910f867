-- revision: 002_under_test
-- revises: 001_tables
-- message: rename-table.mysql: clean

-- +up
CREATE TABLE v (id integer PRIMARY KEY) ENGINE=InnoDB;
RENAME TABLE v TO things;
ALTER TABLE things ADD COLUMN n integer NOT NULL, ALGORITHM=INSTANT;
