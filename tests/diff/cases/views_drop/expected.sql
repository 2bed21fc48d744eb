DROP VIEW public.titles;
