DROP TABLE public.film;
