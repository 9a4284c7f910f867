-- revision: 003_backfill
-- revises: 002_under_test
-- message: data change of its own

-- +up
UPDATE t SET c = b;
