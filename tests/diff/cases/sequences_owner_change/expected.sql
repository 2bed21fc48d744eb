ALTER SEQUENCE public.film_id_seq OWNED BY public.film.other;
