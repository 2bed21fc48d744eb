DROP VIEW public.ids;
DROP VIEW public.titles;
CREATE VIEW public.titles AS
 SELECT film.id
   FROM public.film;
CREATE VIEW public.ids AS
 SELECT titles.id
   FROM public.titles;
