-- revision: 003_labels_color
-- revises: 002_labels
-- message: fix: labels need a colour; existing rows get grey

-- +up
ALTER TABLE labels ADD COLUMN color varchar(7) NOT NULL DEFAULT '#cccccc';
