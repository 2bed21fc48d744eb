SET check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$BEGIN RETURN NEW; END$function$;
CREATE TABLE public.film (
    id integer
);
CREATE TRIGGER touched BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.touch();
