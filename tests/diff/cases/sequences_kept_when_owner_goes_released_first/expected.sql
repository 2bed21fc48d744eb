ALTER SEQUENCE public.film_id_seq OWNED BY NONE;
DROP TABLE public.film;
