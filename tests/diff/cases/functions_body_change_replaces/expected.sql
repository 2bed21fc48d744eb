SET check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.add(a integer, b integer)
 RETURNS integer
 LANGUAGE sql
AS $function$ SELECT b + a $function$;
