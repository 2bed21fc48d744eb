SET check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.f()
 RETURNS integer
 LANGUAGE sql
AS $function$select 1$function$;
CREATE TABLE public.t (
    id integer
);
CREATE TABLE public.u (
    id integer
);
REVOKE SELECT ON TABLE public.u FROM reader;
