SET check_function_bodies = false;
DROP FUNCTION public.add(integer, integer);
CREATE OR REPLACE FUNCTION public.add(a integer, b integer)
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT a + b $function$;
