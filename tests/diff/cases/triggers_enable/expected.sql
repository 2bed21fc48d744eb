ALTER TABLE public.film ENABLE TRIGGER touched;
