-- tags_name_unique
CREATE UNIQUE INDEX tags_name_key ON tags (name);
