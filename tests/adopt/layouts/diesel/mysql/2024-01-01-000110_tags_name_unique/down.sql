DROP INDEX tags_name_key ON tags;
