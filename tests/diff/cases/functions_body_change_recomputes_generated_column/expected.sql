SET check_function_bodies = false;
ALTER TABLE public.prices DROP COLUMN gross;
CREATE OR REPLACE FUNCTION public.taxed(n numeric)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT n * 1.2$function$;
ALTER TABLE public.prices ADD COLUMN gross numeric GENERATED ALWAYS AS (public.taxed(net)) STORED;
