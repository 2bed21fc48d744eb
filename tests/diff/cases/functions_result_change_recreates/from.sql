CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS $function$ SELECT a + b $function$;
