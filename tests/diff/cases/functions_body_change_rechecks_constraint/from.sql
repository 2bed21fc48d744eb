CREATE FUNCTION is_code(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT length(t) <= 8$$;
CREATE TABLE items (id integer PRIMARY KEY, code text CONSTRAINT items_code_check CHECK (is_code(code)));
