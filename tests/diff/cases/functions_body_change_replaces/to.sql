-- A new body is CREATE OR REPLACE in place.
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS $function$ SELECT b + a $function$;
