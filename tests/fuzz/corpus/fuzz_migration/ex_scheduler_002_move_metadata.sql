-- revision: 002_move_metadata
-- revises: 001_proposals
-- message: baselines, metadata, its indexes, and immovable events stay put
--
-- The columns are portable.  Each dialect indexes metadata its own way and
-- refuses, in a trigger, to move or resize an immovable event.  A +down
-- per dialect undoes all of it (a dialect's +down replaces the derived
-- one).

-- +up
ALTER TABLE proposal_moves ADD COLUMN baseline_starts_at timestamptz;
ALTER TABLE proposal_moves ADD COLUMN baseline_ends_at timestamptz;
ALTER TABLE proposal_moves ADD COLUMN metadata json;

-- +up postgres
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_proposal_moves_metadata
    ON proposal_moves USING gin (metadata);
CREATE INDEX CONCURRENTLY idx_proposal_moves_assignment
    ON proposal_moves ((metadata->>'assignment_id'));
CREATE OR REPLACE FUNCTION proposal_moves_keep_immovable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.immovable AND (NEW.starts_at IS DISTINCT FROM OLD.starts_at
                          OR NEW.ends_at IS DISTINCT FROM OLD.ends_at) THEN
        RAISE EXCEPTION 'event % is immovable: it cannot be moved or resized',
            OLD.event_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
-- proposal_moves may be owned and created elsewhere: without it there is
-- nothing to guard, which is worth a warning, not a failed deploy.
DO $$
BEGIN
    IF to_regclass('proposal_moves') IS NULL THEN
        RAISE WARNING 'proposal_moves does not exist: trigger not created';
    ELSE
        DROP TRIGGER IF EXISTS proposal_moves_keep_immovable ON proposal_moves;
        CREATE TRIGGER proposal_moves_keep_immovable
            BEFORE UPDATE ON proposal_moves FOR EACH ROW
            EXECUTE FUNCTION proposal_moves_keep_immovable();
    END IF;
END
$$;

-- +down postgres
DROP TRIGGER IF EXISTS proposal_moves_keep_immovable ON proposal_moves;
DROP FUNCTION IF EXISTS proposal_moves_keep_immovable();
DROP INDEX CONCURRENTLY IF EXISTS idx_proposal_moves_assignment;
DROP INDEX CONCURRENTLY IF EXISTS idx_proposal_moves_metadata;
ALTER TABLE proposal_moves DROP COLUMN metadata;
ALTER TABLE proposal_moves DROP COLUMN baseline_ends_at;
ALTER TABLE proposal_moves DROP COLUMN baseline_starts_at;

-- +up mysql
ALTER TABLE proposal_moves ADD COLUMN assignment_id varchar(64)
    AS (JSON_UNQUOTE(JSON_EXTRACT(metadata, '$.assignment_id'))) VIRTUAL;
CREATE INDEX idx_proposal_moves_assignment ON proposal_moves (assignment_id);
DELIMITER //
CREATE TRIGGER proposal_moves_keep_immovable
BEFORE UPDATE ON proposal_moves FOR EACH ROW
BEGIN
    IF OLD.immovable AND (NEW.starts_at <> OLD.starts_at
                          OR NEW.ends_at <> OLD.ends_at) THEN
        SIGNAL SQLSTATE '45000'
            SET MESSAGE_TEXT = 'event is immovable: it cannot be moved or resized';
    END IF;
END//
DELIMITER ;

-- +down mysql
DROP TRIGGER IF EXISTS proposal_moves_keep_immovable;
DROP INDEX IF EXISTS idx_proposal_moves_assignment ON proposal_moves;
ALTER TABLE proposal_moves DROP COLUMN assignment_id;
ALTER TABLE proposal_moves DROP COLUMN metadata;
ALTER TABLE proposal_moves DROP COLUMN baseline_ends_at;
ALTER TABLE proposal_moves DROP COLUMN baseline_starts_at;

-- +up sqlite
CREATE INDEX idx_proposal_moves_assignment
    ON proposal_moves (json_extract(metadata, '$.assignment_id'));
CREATE TRIGGER proposal_moves_keep_immovable
BEFORE UPDATE OF starts_at, ends_at ON proposal_moves
WHEN OLD.immovable AND (NEW.starts_at IS NOT OLD.starts_at
                        OR NEW.ends_at IS NOT OLD.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'event is immovable: it cannot be moved or resized');
END;

-- +down sqlite
DROP TRIGGER IF EXISTS proposal_moves_keep_immovable;
DROP INDEX IF EXISTS idx_proposal_moves_assignment;
ALTER TABLE proposal_moves DROP COLUMN metadata;
ALTER TABLE proposal_moves DROP COLUMN baseline_ends_at;
ALTER TABLE proposal_moves DROP COLUMN baseline_starts_at;
