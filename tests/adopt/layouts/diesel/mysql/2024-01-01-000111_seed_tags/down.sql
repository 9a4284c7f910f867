DELETE FROM tags WHERE name IN ('news', 'how;to', 'it''s');
