-- revision: 002
-- revises: 001
-- message: identity added and altered

-- +up postgres
ALTER TABLE pi_serial ADD COLUMN seq2 serial;
ALTER TABLE pi_nextval ALTER COLUMN id DROP DEFAULT;
ALTER TABLE pi_nextval ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
-- +down postgres
ALTER TABLE pi_nextval ALTER COLUMN id DROP IDENTITY;
ALTER TABLE pi_nextval ALTER COLUMN id SET DEFAULT nextval('pi_counter');
ALTER TABLE pi_serial DROP COLUMN seq2;
