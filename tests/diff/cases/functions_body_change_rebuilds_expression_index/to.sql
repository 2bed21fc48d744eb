-- CREATE OR REPLACE FUNCTION alone would leave the index's entries computed by the old body
-- (an index scan and a sequential scan would disagree): the index is rebuilt.
CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT upper(t)$$;
CREATE TABLE users (id integer PRIMARY KEY, email text);
CREATE INDEX users_norm_email ON users (norm(email));
