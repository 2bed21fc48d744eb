CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(t)$$;
CREATE TABLE users (id integer PRIMARY KEY, email text);
CREATE INDEX users_norm_email ON users (norm(email));
