DROP MATERIALIZED VIEW public.counts;
CREATE MATERIALIZED VIEW public.counts AS
 SELECT count(*) AS n
   FROM public.film
  WHERE film.id > 0
  WITH DATA;
CREATE INDEX counts_n ON public.counts USING btree (n);
