SET check_function_bodies = false;
DROP FUNCTION public.cheer(public.mood);
DROP TYPE public.mood;
CREATE TYPE public.mood AS ENUM ('sad', 'happy');
CREATE OR REPLACE FUNCTION public.cheer(m public.mood)
 RETURNS public.mood
 LANGUAGE sql
AS $function$ SELECT m $function$;
