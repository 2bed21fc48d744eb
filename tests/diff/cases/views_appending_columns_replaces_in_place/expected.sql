CREATE OR REPLACE VIEW public.titles AS
 SELECT film.id,
    film.title
   FROM public.film;
