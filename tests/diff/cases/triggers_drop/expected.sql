DROP TRIGGER touched ON public.film;
