SET check_function_bodies = false;
DROP FUNCTION public.f(integer);
CREATE OR REPLACE FUNCTION public.f(x integer)
 RETURNS bigint
 LANGUAGE sql
 SECURITY DEFINER
AS $function$select x::bigint$function$;
ALTER FUNCTION public.f(integer) OWNER TO definer;
REVOKE EXECUTE ON FUNCTION public.f(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.f(integer) TO app;
