DROP VIEW post_titles;
