SET check_function_bodies = false;
DROP INDEX public.users_norm_email;
CREATE OR REPLACE FUNCTION public.norm(t text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT upper(t)$function$;
CREATE INDEX users_norm_email ON public.users USING btree (public.norm(email));
