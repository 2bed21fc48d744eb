-- A stored generated column computed by a changed function is added again (recomputed).
CREATE FUNCTION taxed(n numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$SELECT n * 1.2$$;
CREATE TABLE prices (id integer PRIMARY KEY, net numeric, gross numeric GENERATED ALWAYS AS (taxed(net)) STORED);
