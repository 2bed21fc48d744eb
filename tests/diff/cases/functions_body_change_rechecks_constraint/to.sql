-- A CHECK that calls a changed function is added again, so every existing row is checked
-- against the new body.
CREATE FUNCTION is_code(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT length(t) <= 4$$;
CREATE TABLE items (id integer PRIMARY KEY, code text CONSTRAINT items_code_check CHECK (is_code(code)));
