DROP POLICY positive ON public.film;
ALTER TABLE public.film ALTER COLUMN id TYPE bigint;
CREATE POLICY positive ON public.film AS PERMISSIVE FOR ALL TO public USING ((id > 0));
