DELETE FROM tags WHERE name IN ('news', 'howto');
