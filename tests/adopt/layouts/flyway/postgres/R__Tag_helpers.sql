CREATE OR REPLACE FUNCTION tag_count() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM tags;
$$;
