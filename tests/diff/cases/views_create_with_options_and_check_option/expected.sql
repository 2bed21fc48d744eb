CREATE VIEW public.titles WITH (security_barrier=true) AS
 SELECT film.id,
    film.title
   FROM public.film
  WITH CASCADED CHECK OPTION;
