-- revision: 002
-- revises: 001
-- message: collation changed and added

-- +up postgres
ALTER TABLE pc_words ALTER COLUMN u TYPE text COLLATE "C";
ALTER TABLE pc_words ADD COLUMN v varchar(20) COLLATE "POSIX" DEFAULT 'x';
-- +down postgres
ALTER TABLE pc_words DROP COLUMN v;
ALTER TABLE pc_words ALTER COLUMN u TYPE text COLLATE "default";
