DROP RULE no_delete ON public.film;
