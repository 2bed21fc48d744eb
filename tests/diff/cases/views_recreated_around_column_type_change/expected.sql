DROP VIEW public.titles;
ALTER TABLE public.film ALTER COLUMN id TYPE bigint;
CREATE VIEW public.titles AS
 SELECT film.id,
    film.title
   FROM public.film;
