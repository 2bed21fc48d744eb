DROP POLICY "own rows" ON public.film;
CREATE POLICY "own rows" ON public.film AS RESTRICTIVE FOR UPDATE TO "Admin", auditor WITH CHECK ((id < 100));
