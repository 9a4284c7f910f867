-- revision: 004_labels_seed
-- revises: 003_labels_color
-- message: seed: the labels every project starts with
--
-- Data, not schema: a migration of its own (on MySQL, where DDL commits
-- at once, mixing the two could leave half of it applied).  Plain
-- INSERT and DELETE read the same on the three engines; the section
-- names them, so lint knows the SQL was written for each.

-- +up postgres, mysql, sqlite
INSERT INTO labels (name, color) VALUES
    ('bug', '#d73a4a'),
    ('feature', '#a2eeef'),
    ('question', '#d876e3');

-- +down postgres, mysql, sqlite
DELETE FROM labels WHERE name IN ('bug', 'feature', 'question');
