-- A new result type drops and creates the function.
CREATE FUNCTION add(a integer, b integer) RETURNS bigint LANGUAGE sql AS $function$ SELECT a + b $function$;
