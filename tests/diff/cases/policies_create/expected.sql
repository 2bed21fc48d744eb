CREATE POLICY "own rows" ON public.film AS RESTRICTIVE FOR UPDATE TO "Admin", auditor USING ((id > 0)) WITH CHECK ((id < 100));
