CREATE MATERIALIZED VIEW public.counts AS
 SELECT count(*) AS n
   FROM public.film
  WITH DATA;
CREATE INDEX counts_n ON public.counts USING btree (n);
