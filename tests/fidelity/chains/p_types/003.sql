-- revision: 003
-- revises: 002
-- message: types changed

-- +up postgres
ALTER TABLE pt_text ALTER COLUMN e TYPE varchar(40);
ALTER TABLE pt_text ALTER COLUMN g TYPE varchar(100);
ALTER TABLE pt_num ALTER COLUMN b TYPE bigint;
ALTER TABLE pt_misc ALTER COLUMN e TYPE jsonb USING e::jsonb;
ALTER TABLE pt_time ALTER COLUMN f TYPE timestamptz;
ALTER TABLE pt_num ALTER COLUMN i TYPE numeric(12,3);
-- +down postgres
ALTER TABLE pt_num ALTER COLUMN i TYPE numeric(10,2);
ALTER TABLE pt_time ALTER COLUMN f TYPE timestamp;
ALTER TABLE pt_misc ALTER COLUMN e TYPE json USING e::json;
ALTER TABLE pt_num ALTER COLUMN b TYPE integer;
ALTER TABLE pt_text ALTER COLUMN g TYPE text;
ALTER TABLE pt_text ALTER COLUMN e TYPE varchar(20);
