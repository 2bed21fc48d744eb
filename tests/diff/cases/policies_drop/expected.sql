DROP POLICY "own rows" ON public.film;
