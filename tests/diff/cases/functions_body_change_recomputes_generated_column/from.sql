CREATE FUNCTION taxed(n numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$SELECT n * 1.1$$;
CREATE TABLE prices (id integer PRIMARY KEY, net numeric, gross numeric GENERATED ALWAYS AS (taxed(net)) STORED);
