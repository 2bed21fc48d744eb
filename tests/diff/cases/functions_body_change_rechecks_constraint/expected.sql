SET check_function_bodies = false;
ALTER TABLE public.items DROP CONSTRAINT items_code_check;
CREATE OR REPLACE FUNCTION public.is_code(t text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT length(t) <= 4$function$;
ALTER TABLE public.items ADD CONSTRAINT items_code_check CHECK (public.is_code(code));
