INSERT INTO tags (name) VALUES ('news'), ('how;to'), ('it''s');
