SET check_function_bodies = false;
DROP VIEW public.moods;
ALTER TABLE public.people DROP CONSTRAINT people_feeling_check;
DROP INDEX public.people_happy;
ALTER TABLE ONLY public.people ALTER COLUMN feeling DROP DEFAULT;
DROP FUNCTION public.cheer(public.mood);
ALTER TYPE public.mood RENAME TO mood__strata_old;
CREATE TYPE public.mood AS ENUM ('happy', 'sad');
ALTER TABLE public.people ALTER COLUMN feeling TYPE public.mood USING feeling::text::public.mood;
ALTER TABLE public.people ALTER COLUMN history TYPE public.mood[] USING history::text[]::public.mood[];
DROP TYPE public.mood__strata_old;
CREATE OR REPLACE FUNCTION public.cheer(m public.mood)
 RETURNS public.mood
 LANGUAGE sql
AS $function$ SELECT m $function$;
ALTER TABLE ONLY public.people ALTER COLUMN feeling SET DEFAULT 'happy'::public.mood;
CREATE INDEX people_happy ON public.people USING btree (id) WHERE (feeling = 'happy'::public.mood);
ALTER TABLE public.people ADD CONSTRAINT people_feeling_check CHECK ((feeling <> 'sad'::public.mood));
CREATE VIEW public.moods AS
 SELECT people.feeling,
    count(*) AS count
   FROM public.people
  GROUP BY people.feeling;
ALTER TYPE public.mood OWNER TO reader;
REVOKE USAGE ON TYPE public.mood FROM PUBLIC;
