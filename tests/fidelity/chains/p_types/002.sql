-- revision: 002
-- revises: 001
-- message: columns added with PostgreSQL types

-- +up postgres
ALTER TABLE pt_misc ADD COLUMN j2 JSON;
ALTER TABLE pt_misc ADD COLUMN ts2 timestamp(6) NOT NULL DEFAULT now();
ALTER TABLE pt_misc ADD COLUMN n2 numeric(20,0);
ALTER TABLE pt_misc ADD COLUMN s2 smallint NOT NULL DEFAULT 0;
ALTER TABLE pt_misc ADD COLUMN b2 bytea;
ALTER TABLE pt_misc ADD COLUMN txt text[] NOT NULL DEFAULT '{}';
ALTER TABLE pt_misc ADD COLUMN d2 double precision;
-- +down postgres
ALTER TABLE pt_misc DROP COLUMN d2;
ALTER TABLE pt_misc DROP COLUMN txt;
ALTER TABLE pt_misc DROP COLUMN b2;
ALTER TABLE pt_misc DROP COLUMN s2;
ALTER TABLE pt_misc DROP COLUMN n2;
ALTER TABLE pt_misc DROP COLUMN ts2;
ALTER TABLE pt_misc DROP COLUMN j2;
